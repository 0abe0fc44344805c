"""Build the int8 feedback-themes model from the fp32 one, and check it against fp32 on this machine.

Run by `make` once per machine after scripts/export_mpnet.py, in the same environment (it needs the
`onnx` package, which the product does not install). Nothing is downloaded.

Plain dynamic int8 quantisation of all-mpnet-base-v2 loses too much: a few input channels of its
matrix products carry values 30 to 100 times the median (the outlier features of transformer
models), so one int8 scale per tensor leaves the ordinary channels a handful of levels, and
sentence vectors drift to a cosine of 0.47 to fp32 (bench/quantise_themes_model.py). Here those
channels are kept in fp32, as LLM.int8() does (Dettmers et al., 2022), but chosen once from
calibration texts rather than per batch:

    x @ W  =  (x * mask) @ W   [int8]   +   x[:, outliers] @ W[outliers, :]   [fp32]

A channel is an outlier when its largest absolute value over the calibration texts exceeds
OUTLIER_RATIO times the median channel's. The texts are 700 sentences of the knowledge base,
frozen in scripts/data/int8_sentences.txt (the first 400 calibrate, the other 300 check), never
the evaluation sets. They are frozen so that the same fp32 model always gives the same int8
model: drawn afresh from `knowledge/`, every edit of an article moved a few channels across the
line, and the themes of the eval sets moved with them (ARI by up to 0.09).

Writes into MODEL_DIR (beside model.onnx):
    model-int8.onnx   only when every check text's int8 vector has a cosine to its fp32 vector of
                      at least MIN_COSINE (the bar of issue 17)
    int8.json         the outcome either way: accepted or not, cosine min / 1st percentile / mean,
                      speed of both, the channels kept in fp32

    python scripts/quantise_mpnet.py MODEL_DIR SENTENCES_FILE

scripts/data/int8_sentences.txt was written by `knowledge_sentences(Path("knowledge"))[:700]`
on 2026-12-04.
"""

from __future__ import annotations

import json
import random
import re
import sys
import tempfile
import time
from pathlib import Path

OUTLIER_RATIO = 4.0
MIN_COSINE = 0.98
CALIBRATION_TEXTS = 400
CHECK_TEXTS = 300
BATCH = 16


def knowledge_sentences(knowledge: Path) -> list[str]:
    """Sentences of the knowledge base's articles, shuffled with a fixed seed."""
    sentences = set()
    for path in sorted(knowledge.rglob("*.md")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.startswith(("#", "---", "|", "<!--")):
                continue
            for sentence in re.split(r"(?<=[.!?])\s+", line.strip("-*> ").strip()):
                if 4 < len(sentence.split()) < 70:
                    sentences.add(sentence)
    ordered = sorted(sentences)
    random.Random(3).shuffle(ordered)
    return ordered


class Encoder:
    """Mean-pooled, unit-length sentence vectors from one ONNX file, as the product computes them."""

    def __init__(self, model: Path, tokenizer: Path, extra_outputs: list[str] | None = None) -> None:
        import onnxruntime
        from tokenizers import Tokenizer

        self.session = onnxruntime.InferenceSession(str(model), providers=["CPUExecutionProvider"])
        self.tokenizer = Tokenizer.from_file(str(tokenizer))
        self.tokenizer.enable_truncation(384)
        self.tokenizer.enable_padding(pad_id=1, pad_token="<pad>")
        self.outputs = ["last_hidden_state", *(extra_outputs or [])]

    def run(self, texts: list[str]):  # type: ignore[no-untyped-def]
        import numpy as np

        encodings = self.tokenizer.encode_batch(texts)
        ids = np.array([encoding.ids for encoding in encodings], dtype=np.int64)
        mask = np.array([encoding.attention_mask for encoding in encodings], dtype=np.int64)
        return self.session.run(self.outputs, {"input_ids": ids, "attention_mask": mask}), mask

    def vectors(self, texts: list[str]):  # type: ignore[no-untyped-def]
        import numpy as np

        rows = []
        for start in range(0, len(texts), BATCH):
            (hidden, *_), mask = self.run(texts[start : start + BATCH])
            pooled = (hidden * mask[..., None]).sum(axis=1) / mask.sum(axis=1, keepdims=True)
            rows.append(pooled / np.linalg.norm(pooled, axis=1, keepdims=True))
        return np.vstack(rows)


def weighted_matmuls(graph):  # type: ignore[no-untyped-def]
    weights = {initializer.name for initializer in graph.initializer}
    return [node for node in graph.node if node.op_type == "MatMul" and node.input[1] in weights]


def channel_maxima(model: Path, tokenizer: Path, activations: list[str], texts: list[str]):  # type: ignore[no-untyped-def]
    """The largest absolute value of each input channel of each activation over the texts (real
    tokens only, not padding)."""
    import numpy as np
    import onnx

    probe = onnx.load(str(model))
    for name in activations:
        probe.graph.output.append(onnx.helper.make_tensor_value_info(name, onnx.TensorProto.FLOAT, None))
    with tempfile.TemporaryDirectory() as scratch:
        path = Path(scratch) / "probe.onnx"
        onnx.save(probe, str(path))
        encoder = Encoder(path, tokenizer, activations)
        maxima: dict[str, np.ndarray] = {}
        for start in range(0, len(texts), BATCH):
            (_, *values), mask = encoder.run(texts[start : start + BATCH])
            for name, value in zip(activations, values, strict=True):
                batch_max = np.abs(value[mask.astype(bool)]).max(axis=0)
                maxima[name] = np.maximum(maxima[name], batch_max) if name in maxima else batch_max
    return maxima


def split_outliers(model: Path, tokenizer: Path, texts: list[str], target: Path) -> int:
    """Write a copy of the model whose weight MatMuls take their outlier channels apart (see the
    module's docstring); returns how many channels are kept in fp32."""
    import numpy as np
    import onnx
    from onnx import helper, numpy_helper

    split = onnx.load(str(model))
    graph = split.graph
    initializers = {initializer.name: initializer for initializer in graph.initializer}
    matmuls = weighted_matmuls(graph)
    maxima = channel_maxima(model, tokenizer, sorted({node.input[0] for node in matmuls}), texts)
    outliers = {
        name: np.flatnonzero(values > OUTLIER_RATIO * np.median(values)) for name, values in maxima.items()
    }
    outliers = {name: channels for name, channels in outliers.items() if len(channels)}
    nodes = []
    for node in graph.node:
        source = node.input[0] if node.op_type == "MatMul" else None
        if source in outliers and node.input[1] in initializers:
            weight = numpy_helper.to_array(initializers[node.input[1]])
            kept = numpy_helper.from_array(
                weight[outliers[source]].astype(np.float32), f"{node.name}_outlier_W"
            )
            graph.initializer.append(kept)
            result = node.output[0]
            node.input[0], node.output[0] = f"{source}_masked", f"{result}_int8_part"
            nodes += [
                node,
                helper.make_node(
                    "MatMul",
                    [f"{source}_outliers", kept.name],
                    [f"{result}_fp32_part"],
                    name=f"{node.name}_outlier_fp32",
                ),
                helper.make_node(
                    "Add", [f"{result}_int8_part", f"{result}_fp32_part"], [result], name=f"{node.name}_sum"
                ),
            ]
            continue
        nodes.append(node)
        for output in node.output:
            if output in outliers:
                mask = np.ones(len(maxima[output]), dtype=np.float32)
                mask[outliers[output]] = 0
                graph.initializer.append(numpy_helper.from_array(mask, f"{output}_mask"))
                graph.initializer.append(
                    numpy_helper.from_array(outliers[output].astype(np.int64), f"{output}_idx")
                )
                nodes.append(helper.make_node("Mul", [output, f"{output}_mask"], [f"{output}_masked"]))
                nodes.append(
                    helper.make_node("Gather", [output, f"{output}_idx"], [f"{output}_outliers"], axis=2)
                )
    del graph.node[:]
    graph.node.extend(nodes)
    onnx.save(split, str(target))
    return sum(len(channels) for channels in outliers.values())


def quantise(source: Path, target: Path) -> None:
    """int8 weights (per output channel) for every weight MatMul except the fp32 outlier parts."""
    import onnx
    from onnxruntime.quantization import QuantType, quantize_dynamic

    graph = onnx.load(str(source), load_external_data=False).graph
    quantised = {node.name for node in weighted_matmuls(graph) if not node.name.endswith("_outlier_fp32")}
    excluded = [node.name for node in graph.node if node.op_type == "MatMul" and node.name not in quantised]
    quantize_dynamic(
        source,
        target,
        weight_type=QuantType.QInt8,
        op_types_to_quantize=["MatMul"],
        nodes_to_exclude=excluded,
        per_channel=True,
    )


def timed_vectors(encoder: Encoder, texts: list[str]):  # type: ignore[no-untyped-def]
    started = time.perf_counter()
    vectors = encoder.vectors(texts)
    return vectors, len(texts) / (time.perf_counter() - started)


def main(model_dir: Path, sentences_file: Path) -> int:
    import numpy as np

    model, tokenizer = model_dir / "model.onnx", model_dir / "tokenizer.json"
    sentences = [line for line in sentences_file.read_text(encoding="utf-8").splitlines() if line.strip()]
    calibration = sentences[:CALIBRATION_TEXTS]
    check = sentences[CALIBRATION_TEXTS : CALIBRATION_TEXTS + CHECK_TEXTS]
    target = model_dir / "model-int8.onnx"
    target.unlink(missing_ok=True)
    with tempfile.TemporaryDirectory(dir=model_dir) as scratch:
        split = Path(scratch) / "split.onnx"
        channels = split_outliers(model, tokenizer, calibration, split)
        staged = Path(scratch) / "model-int8.onnx"
        quantise(split, staged)
        fp32, fp32_rate = timed_vectors(Encoder(model, tokenizer), check)
        int8, int8_rate = timed_vectors(Encoder(staged, tokenizer), check)
        cosine = (fp32 * int8).sum(axis=1)
        accepted = bool(cosine.min() >= MIN_COSINE)
        if accepted:
            staged.rename(target)
    report = {
        "accepted": accepted,
        "rule": f"every check text's cosine to fp32 >= {MIN_COSINE}",
        "method": f"dynamic int8, per channel; input channels above {OUTLIER_RATIO}x the median kept fp32",
        "channels_kept_fp32": channels,
        "calibration_texts": len(calibration),
        "check_texts": len(check),
        "cosine_min": round(float(cosine.min()), 4),
        "cosine_p1": round(float(np.percentile(cosine, 1)), 4),
        "cosine_mean": round(float(cosine.mean()), 4),
        "fp32_texts_per_s": round(fp32_rate, 1),
        "int8_texts_per_s": round(int8_rate, 1),
    }
    (model_dir / "int8.json").write_text(json.dumps(report, indent=2) + "\n")
    verdict = "accepted" if accepted else "REJECTED (the themes use fp32)"
    print(f"int8 themes model {verdict}: cosine to fp32 min {report['cosine_min']}, {report}")
    return 0


if __name__ == "__main__":
    if len(sys.argv) != 3:
        raise SystemExit(__doc__)
    raise SystemExit(main(Path(sys.argv[1]).expanduser().resolve(), Path(sys.argv[2]).resolve()))
