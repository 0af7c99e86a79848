import { Component, type ErrorInfo, type ReactNode } from 'react';
import { focusDropped, focusFirst } from './focus-dropped';
import { redrawnFocus } from './redrawn-focus';

interface Props {
  /** what failed, in the user's words ("the Train step", "the large image view") */
  name: string;
  children: ReactNode;
  /** called by "Try again" before the part is drawn anew (e.g. to close the view that failed) */
  onReset?(): void;
}

/**
 * Keeps a crash in one part of the page inside that part: React unmounts the whole tree on an
 * uncaught render error, which would leave a blank page. The project, images and model live in the
 * stores, not in the part that failed, so nothing is lost; "Try again" draws it anew.
 */
export class ErrorBoundary extends Component<Props, { error: Error | null }> {
  state = { error: null as Error | null };
  /** the element the part is drawn in, noted as "Try again" is pressed: the focus goes there once it is redrawn */
  private redrawnIn: HTMLElement | null = null;

  static getDerivedStateFromError(error: Error) {
    return { error };
  }

  componentDidCatch(error: Error, info: ErrorInfo) {
    console.error(`${this.props.name} failed`, error, info.componentStack);
  }

  componentDidUpdate() {
    const host = this.redrawnIn;
    if (this.state.error || !host) return;
    this.redrawnIn = null;
    // nothing moves if the person put the focus somewhere meanwhile (a click while it redrew)
    if (!host.isConnected || !focusDropped(document.activeElement, document.body)) return;
    focusFirst(redrawnFocus<HTMLElement>(host), () => document.activeElement, { preventScroll: true });
  }

  render() {
    const { error } = this.state;
    if (!error) return this.props.children;
    return (
      <div className="panel crash" role="alert">
        <p>
          <strong>Something went wrong in {this.props.name}.</strong> Your project, images and trained model are kept;
          the rest of the studio works as before.
        </p>
        {/* the program's own words, for a bug report: not the message a person reads first */}
        <details>
          <summary>Details for a bug report</summary>
          <code>{error.message}</code>
        </details>
        <button
          type="button"
          onClick={(e) => {
            // a wrapper around the part would be one more box in the step's grid and the header's row
            this.redrawnIn = e.currentTarget.closest('.crash')?.parentElement ?? null;
            this.props.onReset?.();
            this.setState({ error: null });
          }}
        >
          Try again
        </button>
      </div>
    );
  }
}
