import { Component, type ErrorInfo, type ReactNode } from 'react';

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

  static getDerivedStateFromError(error: Error) {
    return { error };
  }

  componentDidCatch(error: Error, info: ErrorInfo) {
    console.error(`${this.props.name} failed`, error, info.componentStack);
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
          onClick={() => {
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
