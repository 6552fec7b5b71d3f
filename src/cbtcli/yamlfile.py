"""Reading YAML (and JSON) that a person or another program wrote, with bounds: no aliases
(a few hundred bytes of them can expand to gigabytes), a size cap, and every way PyYAML can
fail turned into one sentence with the line."""

from __future__ import annotations

from typing import Any

MAX_BYTES = 2 * 1024 * 1024  # far more than any exercise or answers file


class YamlProblem(Exception):
    """What is wrong, in words, and the line (1-based) when known."""

    def __init__(self, problem: str, line: int | None = None) -> None:
        self.problem, self.line = problem, line
        super().__init__(problem)


def load_text(text: str, allow_json: bool = True) -> Any:
    import yaml

    if len(text) > MAX_BYTES:
        raise YamlProblem(f"it is larger than {MAX_BYTES // (1024 * 1024)} MB")
    if allow_json and text.lstrip().startswith(("{", "[")):
        import json

        try:  # JSON as JSON: "\ud83d\ude42" pairs join into one emoji, as json.dumps wrote them
            return whole_characters(json.loads(text))
        except json.JSONDecodeError:
            pass  # YAML's flow style also starts with a brace: read it as YAML below
        except RecursionError:
            raise YamlProblem("it is nested too deeply") from None
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    try:
        for event in yaml.parse(text, Loader=loader):
            if isinstance(event, yaml.AliasEvent):
                line = event.start_mark.line + 1 if event.start_mark else None
                raise YamlProblem("aliases (*name) are not allowed", line)
        return whole_characters(yaml.load(text, Loader=loader))
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        raise YamlProblem(
            exc.problem or exc.context or "invalid YAML", mark.line + 1 if mark else None
        ) from None
    except yaml.reader.ReaderError as exc:
        code = exc.character if isinstance(exc.character, int) else ord(exc.character)
        raise YamlProblem(
            f"it holds a character YAML does not allow (U+{code:04X}, at character "
            f"{exc.position + 1})"
        ) from None
    except yaml.YAMLError as exc:
        raise YamlProblem(" ".join(str(exc).split())) from None  # one line, whatever PyYAML says
    except (ValueError, OverflowError, TypeError) as exc:  # a date like 2026-02-30, say
        raise YamlProblem(f"a value cannot be read ({exc})") from None
    except RecursionError:
        raise YamlProblem("it is nested too deeply") from None


def whole_characters(value: Any) -> Any:
    """`value`, refused when it holds half of a character (a lone surrogate such as "\ud83d"
    left by a cut emoji): no file can keep it, so it could never be saved."""
    import json

    try:
        json.dumps(value, ensure_ascii=False, default=str).encode("utf-8")
    except UnicodeEncodeError as exc:
        raise YamlProblem(
            f"it holds half of a character (U+{ord(exc.object[exc.start]):04X}), as a cut "
            "emoji leaves"
        ) from None
    return value
