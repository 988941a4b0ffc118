"""Loads every YAML file given with PyYAML's SafeLoader -- the parser ParallelCluster's CLI
uses (`yaml.safe_load`) -- constructing every node, so undefined aliases, bad escapes and
values PyYAML cannot build fail here. CloudFormation short-form tags (!Ref, !GetAtt, ...)
are accepted on scalars, sequences and mappings everywhere; a file whose top level is not
a mapping is rejected (every file pwpc writes is one).

Run it with the Python that yamllint runs on (PyYAML is yamllint's own dependency).
Usage: python3 yaml-parse.py FILE...   Exit: 0 all load, 1 a file does not.
"""
import sys

import yaml


class Loader(yaml.SafeLoader):
    pass


def construct_tagged(loader, tag_suffix, node):
    if isinstance(node, yaml.ScalarNode):
        value = loader.construct_scalar(node)
    elif isinstance(node, yaml.SequenceNode):
        value = loader.construct_sequence(node, deep=True)
    else:
        value = loader.construct_mapping(node, deep=True)
    return {"!" + tag_suffix: value}


Loader.add_multi_constructor("!", construct_tagged)


def main(argv):
    if not argv:
        print("usage: yaml-parse.py FILE...", file=sys.stderr)
        return 2
    bad = 0
    for path in argv:
        try:
            with open(path, encoding="utf-8") as f:
                docs = list(yaml.load_all(f, Loader=Loader))
        except (OSError, UnicodeDecodeError, yaml.YAMLError) as e:
            mark = getattr(e, "problem_mark", None)
            where = f"{path}:{mark.line + 1}:{mark.column + 1}" if mark else path
            print(f"{where}: error: [YAML-PARSE] " + (" ".join(str(e).split()) or type(e).__name__))
            bad += 1
            continue
        if len(docs) != 1 or not isinstance(docs[0], dict):
            print(f"{path}:1:1: error: [YAML-NOT-A-MAPPING] expected exactly one document whose top level is a mapping")
            bad += 1
    print(f"yaml-parse: {len(argv)} file(s) loaded with PyYAML {yaml.__version__}, {bad} failed", file=sys.stderr)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
