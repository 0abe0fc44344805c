"""`make bench`: run every benchmark and print its figures."""

import json

from bench import embedding_throughput, feedback_summary, index_time, load, query_latency

if __name__ == "__main__":
    for module in (embedding_throughput, index_time, query_latency, feedback_summary, load):
        print(f"== {module.__name__}")
        print(json.dumps(module.main(), indent=2))
