"""The command line's own texts in bokmål: usage lines, help headings and usage errors.

typer builds on click, whose texts are English. The command and group classes here (given to
typer as `cls=`) write the usage line, the help option and the errors they raise themselves in
Norwegian; `usage_error` turns the errors click raises while parsing (an unknown option, a
missing argument or value) into Norwegian from their fields, never from their English text;
a value typer cannot convert is said in Norwegian from pydantic's error type (or, for a path
option's file, from typer's fixed English sentence, which has no other form).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from typer.core import TyperCommand, TyperGroup

try:  # typer ≥ 0.2x carries its own copy of click
    from typer._click import exceptions as click_errors
except ImportError:  # pragma: no cover - older typer uses click itself
    from click import exceptions as click_errors  # type: ignore[no-redef]

from deckgen.errors import either, suggestion

USAGE_EXIT = 3
"""The exit code of a usage error: an unknown command or option, a missing argument."""

UsageError = click_errors.UsageError

_HELP_HEADINGS = {
    "ARGUMENTS_PANEL_TITLE": "Argumenter",
    "OPTIONS_PANEL_TITLE": "Valg",
    "COMMANDS_PANEL_TITLE": "Kommandoer",
    "ERRORS_PANEL_TITLE": "Feil",
    "ABORTED_TEXT": "Avbrutt.",
    "DEFAULT_STRING": "[standard: {}]",
    "REQUIRED_LONG_STRING": "[påkrevd]",
    "ENVVAR_STRING": "[miljøvariabel: {}]",
    "DEPRECATED_STRING": "(utgått) ",
}
"""typer's help texts (module settings of typer.rich_utils) in bokmål."""


def _norwegian_help() -> None:
    """Put the help headings in bokmål (typer reads them when it draws the help)."""
    from deckgen.clirich import rich_utils as load_rich_utils

    rich_utils = load_rich_utils()
    for name, text in _HELP_HEADINGS.items():
        setattr(rich_utils, name, text)


_REQUIRED = re.compile(r"^\{([^{}]+)\}")
"""A required argument as typer writes it in the usage line: {NAVN}."""


class _Norwegian:
    """What commands and groups share: the usage line, the help option and its help."""

    def format_usage(self, ctx: Any, formatter: Any) -> None:
        """The usage line, «Bruk: deckgen build [VALG] [NAVN]...»; a required argument bare
        («preview [VALG] NAVN»), not in typer's braces."""
        pieces = [
            _REQUIRED.sub(r"\1", piece)
            for piece in self.collect_usage_pieces(ctx)  # type: ignore[attr-defined]
        ]
        formatter.write_usage(ctx.command_path, " ".join(pieces), prefix="Bruk: ")

    def get_help_option(self, ctx: Any) -> Any:
        """--help, described in bokmål."""
        option = super().get_help_option(ctx)  # type: ignore[misc]
        if option is not None:
            option.help = "Vis denne hjelpen og avslutt."
        return option

    def format_help(self, ctx: Any, formatter: Any) -> None:
        """The help, with typer's headings in bokmål."""
        _norwegian_help()
        super().format_help(ctx, formatter)  # type: ignore[misc]


class NorwegianCommand(_Norwegian, TyperCommand):
    """A typer command that speaks bokmål and refuses extra arguments in bokmål."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.options_metavar = "[VALG]"

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        """Parse as click does, but name arguments left over in bokmål."""
        ctx.allow_extra_args = True
        try:
            rest: list[str] = super().parse_args(ctx, args)
        except UsageError as error:  # the option parser's errors know no command
            error.ctx = error.ctx or ctx
            raise
        if ctx.args and not ctx.resilient_parsing:
            extra = " ".join(f"«{arg}»" for arg in ctx.args)
            plural = "er" if len(ctx.args) > 1 else ""
            ctx.fail(f"uventet argument{plural}: {extra}")
        return rest


_COMPLETION_HELP = {
    "install_completion": "Installer fullføring med Tab (kommandoer, valg og navn på "
    "presentasjoner) for skallet du bruker: bash, zsh, fish eller PowerShell.",
    "show_completion": "Vis skriptet for fullføring med Tab i skallet du bruker, så du kan "
    "kopiere det eller installere det selv.",
}
"""typer's --install-completion and --show-completion, described in bokmål."""

COMPLETION_SHELLS = ("bash", "zsh", "fish", "powershell", "pwsh")
"""The shells typer can install completion for."""


def _install_completion(ctx: Any, param: Any, value: Any) -> Any:
    """--install-completion: install the completion script for the shell, and say so in
    bokmål (typer's own callback speaks English)."""
    if not value or ctx.resilient_parsing:
        return value
    from typer import _completion_shared as shared

    shell = value if isinstance(value, str) else shared._get_shell_name()
    if shell not in COMPLETION_SHELLS:
        import typer

        typer.echo(
            f"fant ikke et skall deckgen kan installere fullføring for ({shell or 'ukjent'}); "
            f"de som støttes er: {', '.join(COMPLETION_SHELLS)}",
            err=True,
        )
        raise SystemExit(1)
    shell, path = shared.install(shell=shell)
    import typer

    typer.echo(f"fullføring for {shell} er installert i {path}")
    typer.echo("Den virker når du har startet terminalen på nytt.")
    raise SystemExit(0)


class NorwegianGroup(_Norwegian, TyperGroup):
    """A typer group that speaks bokmål, names unknown commands in bokmål and makes its
    commands and sub-groups speak bokmål too (the completion options included)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.options_metavar = "[VALG]"
        self.subcommand_metavar = "KOMMANDO [ARGUMENTER]..."

    def get_params(self, ctx: Any) -> list[Any]:
        """The group's parameters, typer's completion options (added after the group is made)
        described in bokmål and installing with a bokmål message."""
        params: list[Any] = super().get_params(ctx)
        for param in params:
            if param.name in _COMPLETION_HELP:
                param.help = _COMPLETION_HELP[param.name]
            if param.name == "install_completion":
                param.callback = _install_completion
        return params

    def resolve_command(self, ctx: Any, args: list[str]) -> Any:
        """The command args start with; an unknown one is a usage error with a suggestion."""
        name = args[0] if args else ""
        if name and not name.startswith("-") and self.get_command(ctx, name) is None:
            known = sorted(self.commands)
            ctx.fail(
                f"ukjent kommando «{name}»{suggestion(name, known)}. "
                f"Kommandoene er: {', '.join(known)}"
            )
        return super().resolve_command(ctx, args)


def usage_error(error: Any) -> list[str]:
    """A usage error as bokmål lines for stderr: the usage line, where help is, the error; a
    command given nothing (`deckgen`, `deckgen brand`) shows its help instead."""
    lines: list[str] = []
    ctx = error.ctx
    if isinstance(error, click_errors.NoArgsIsHelpError):
        help_text = ctx.get_help()  # typer draws the help itself and returns nothing
        return [help_text] if help_text else []
    if ctx is not None:
        lines.append(ctx.get_usage())
        option = ctx.help_option_names[0] if ctx.help_option_names else "--help"
        lines.append(f"Se «{ctx.command_path} {option}» for hjelp.")
    lines.append(f"feil: {_message(error)}")
    return lines


def _message(error: Any) -> str:
    """What went wrong, in bokmål, from the error's fields."""
    if isinstance(error, click_errors.NoSuchOption):
        possible: Sequence[str] = error.possibilities or []
        return f"ukjent valg «{error.option_name}»{suggestion(error.option_name, list(possible))}"
    if isinstance(error, click_errors.MissingParameter):
        param = error.param
        if param is None:
            return "et argument mangler"
        if param.param_type_name == "argument":
            return f"mangler argumentet {param.metavar or (param.name or '').upper()}"
        return f"mangler valget {' / '.join(param.opts)}"
    if isinstance(error, click_errors.BadOptionUsage):
        if _is_flag(error.ctx, error.option_name):
            return f"valget «{error.option_name}» tar ingen verdi"
        return f"valget «{error.option_name}» trenger en verdi"
    if isinstance(error, click_errors.BadParameter):
        param = error.param
        where = f" for {' / '.join(param.opts)}" if param is not None and param.opts else ""
        return f"ugyldig verdi{where}: {bad_value(error)}"
    return str(error.message)


_VALUE_KINDS = {
    "int_parsing": "et helt tall",
    "int_type": "et helt tall",
    "int_from_float": "et helt tall",
    "float_parsing": "et tall",
    "float_type": "et tall",
    "decimal_parsing": "et tall",
    "bool_parsing": "ja eller nei (true/false, 1/0)",
    "path_type": "en sti",
}
"""pydantic's error types (typer converts values with pydantic) as what the value must be."""

_CHOICE_TEXT = re.compile(r"is not one of (?P<choices>.*)\.$", re.DOTALL)
"""typer's message for a value that is none of an enum's choices."""

_PATH_TEXTS = re.compile(
    r"^(?i:file|directory|path) (?P<name>'.*') (?P<what>does not exist|is a file|is a directory"
    r"|is not readable|is not writable)\.$",
    re.DOTALL,
)
"""typer's own messages about a path option's file (it has no error type for them)."""

_PATH_WORDS = {
    "does not exist": "finnes ikke",
    "is a file": "er en fil, ikke en mappe",
    "is a directory": "er en mappe, ikke en fil",
    "is not readable": "kan ikke leses",
    "is not writable": "kan ikke skrives til",
}


def bad_value(error: Any) -> str:
    """Why a value could not be converted, in bokmål: typer converts with pydantic and raises
    BadParameter from its ValidationError (whose error type says what was expected), or says
    what is wrong with a path in English; anything else (our own callbacks) as it is."""
    cause = error.__cause__
    errors = cause.errors() if hasattr(cause, "errors") else []
    if errors:
        first = errors[0]
        given = f"«{first.get('input')}»"
        kind = _VALUE_KINDS.get(first.get("type", ""))
        if kind is not None:
            return f"må være {kind}, ikke {given}"
        expected = (first.get("ctx") or {}).get("expected")
        if expected is not None:  # a Literal: the choices
            choices = expected.replace("'", "").replace(" or ", " eller ")
            return f"må være {choices}, ikke {given}"
        choice = _CHOICE_TEXT.search(str(first.get("msg", "")))
        if choice is not None:  # an enum: typer's own check names the choices
            choices = either(re.findall(r"'([^']*)'", choice["choices"]))
            return f"må være {choices}, ikke {given}"
        return f"{given} kan ikke brukes her"
    found = _PATH_TEXTS.match(str(error.message))
    if found is not None:
        name = found["name"][1:-1]
        return f"«{name}» {_PATH_WORDS[found['what']]}"
    return str(error.message)


def _is_flag(ctx: Any, name: str) -> bool:
    """Whether the option called name is an on/off flag, which takes no value."""
    if ctx is None:
        return False
    for param in ctx.command.get_params(ctx):
        if name in (*param.opts, *param.secondary_opts):
            return bool(getattr(param, "is_flag", False))
    return False
