"""The person's settings, in a small YAML file beside their exercises."""

from __future__ import annotations

from typing import Any

from . import paths
from .errors import UsageError

KEYS = {
    "region": "Your country (a two-letter code such as GB, US or DE), for crisis lines in `cbt help-now`.",
    "name": "Your name as it appears at the top of exports (none unless you set it).",
    "therapy-start": "The day therapy (or this self-help) began, YYYY-MM-DD: questionnaire change is counted from your first score on or after it.",
}


def load_config() -> dict[str, Any]:
    path = paths.config_file()
    if not path.exists():
        return {}
    import yaml

    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise UsageError(
            f"The settings file {path} cannot be read ({exc}); fix or remove it."
        ) from None
    return data if isinstance(data, dict) else {}


def check_value(key: str, value: str) -> str:
    if key not in KEYS:
        raise UsageError(f"'{key}' is not a setting; the settings are: {', '.join(KEYS)}.")
    value = value.strip()
    if key == "region":
        from .safety.helplines import load_helplines

        region = load_helplines().find(value)
        if region is not None:
            return region.code
        if len(value) != 2 or not value.isascii() or not value.isalpha():
            raise UsageError(
                f"'{value}' is not a country code; use the two letters of your country, "
                "such as GB, US, DE or IN."
            )
        return value.upper()  # any country: help-now shows the international directory
    if not value:
        raise UsageError(f"'{key}' needs a value.")
    if key == "therapy-start":
        from datetime import date

        try:
            return date.fromisoformat(value).isoformat()
        except ValueError:
            raise UsageError(f"'{value}' is not a date; write it as YYYY-MM-DD.") from None
    return value


def set_config(key: str, value: str) -> str:
    """Save one setting (the file is private to its owner); returns the value kept."""
    import yaml

    kept = check_value(key, value)
    data = load_config()
    data[key] = kept
    path = paths.config_file()
    with paths.private_dir(path.parent):
        paths.write_private_text(path, yaml.safe_dump(data, allow_unicode=True))
    return kept


def unset_config(key: str) -> None:
    import yaml

    data = load_config()
    if data.pop(key, None) is not None:
        paths.write_private_text(paths.config_file(), yaml.safe_dump(data, allow_unicode=True))


def display_name() -> str:
    """The name the person chose for exports (`cbt config set name`), or none: an export
    never takes their login name unasked."""
    return str(load_config().get("name") or "")
