"""Stands in for onnxruntime's InferenceSession (studio_shim.py says how)."""
from studio_shim import answer


class InferenceSession:
    def __init__(self, path):
        self.path = path

    def run(self, output_names, feeds):
        if output_names not in (None, ['probabilities']):
            raise KeyError(f'no output {output_names}: the model has probabilities')
        return [answer(self.path, feeds)]
