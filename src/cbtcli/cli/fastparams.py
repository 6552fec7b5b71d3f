"""Plain coercion for cbt's plain parameters, so a command does not import pydantic.

Typer converts every parameter through a pydantic TypeAdapter, and importing pydantic costs
about 80 ms on every run: more than everything else a summary does. cbt's parameters are
plain strings, whole numbers and paths (or lists of them), so those get a few lines of
conversion here. Anything else, or a Typer whose internals differ, keeps Typer's own."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, get_args, get_origin

PLAIN = (str, int, bool, Path)
TRUE, FALSE = {"1", "true", "yes", "y", "on"}, {"0", "false", "no", "n", "off"}


@dataclass(frozen=True)
class PlainCoercer:
    kind: type
    low: int | None = None
    high: int | None = None

    def coerce(self, value: Any, param: Any, ctx: Any) -> Any:
        if value is None:
            return () if (param.multiple or param.nargs == -1) else None
        if isinstance(value, list | tuple):
            return [self.one(item, param, ctx) for item in value]
        return self.one(value, param, ctx)

    def one(self, value: Any, param: Any, ctx: Any) -> Any:
        from typer import BadParameter

        if self.kind is int:
            try:
                number = int(str(value).strip())
            except ValueError:
                raise BadParameter(
                    f"'{value}' is not a whole number.", ctx=ctx, param=param
                ) from None
            if self.low is not None and number < self.low:
                raise BadParameter(
                    f"{number} is too small; the least is {self.low}.", ctx=ctx, param=param
                )
            if self.high is not None and number > self.high:
                raise BadParameter(
                    f"{number} is too big; the most is {self.high}.", ctx=ctx, param=param
                )
            return number
        if self.kind is bool and not isinstance(value, bool):
            text = str(value).strip().lower()
            if text not in TRUE | FALSE:
                raise BadParameter(f"'{value}' is not yes or no.", ctx=ctx, param=param)
            return text in TRUE
        return self.kind(value)


def coercer_for(param: Any) -> PlainCoercer | None:
    descriptor = getattr(param, "type_descriptor", None)
    info = getattr(descriptor, "parameter_info", None)
    if descriptor is None or info is None or getattr(info, "parser", None) is not None:
        return None
    annotation = descriptor.annotation
    if get_origin(annotation) is list:
        (annotation,) = get_args(annotation) or (None,)
    if annotation not in PLAIN:
        return None
    if annotation is Path and any(
        getattr(info, flag, False) for flag in ("exists", "resolve_path", "allow_dash", "writable")
    ):
        return None
    return PlainCoercer(annotation, getattr(info, "min", None), getattr(info, "max", None))


def plain(param: Any) -> Any:
    coercer = coercer_for(param)
    if coercer is not None and getattr(param, "_runtime_param", "missing") is None:
        param._runtime_param = coercer
    return param


def speed_up(command: Any) -> None:
    """Give every plain parameter in the command tree the plain coercer."""
    for param in getattr(command, "params", []):
        plain(param)
    make_help = getattr(command, "get_help_option", None)
    if make_help is not None:  # the --help option is made afresh for each run
        command.get_help_option = lambda ctx, make=make_help: (
            None if (option := make(ctx)) is None else plain(option)
        )
    for sub in getattr(command, "commands", {}).values():
        speed_up(sub)
