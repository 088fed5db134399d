"""``workstation newsroom init URL``: the newsroom's schema made by the real command; failures are one line."""

from __future__ import annotations

import pytest

from tests.command_line import workstation
from workstation.cli import main


def test_init_makes_a_newsroom_that_then_opens(postgres_server) -> None:  # type: ignore[no-untyped-def]
    url = postgres_server.url(postgres_server.create_database())
    result = workstation("newsroom", "init", url)
    assert result.returncode == 0, result.stderr
    assert result.stdout == f"{url}: newsroom created\n"
    assert workstation("newsroom", "init", url).stdout == f"{url}: newsroom up to date\n"


def test_an_unreachable_server_is_exit_2_with_one_line_and_no_password(postgres_server, capsys) -> None:  # type: ignore[no-untyped-def]
    url = f"postgresql://workstation:s3cret-word@/absent?host={postgres_server.folder}"
    assert main(["newsroom", "init", url]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.count("\n") == 1 and "cannot connect" in captured.err
    assert "s3cret-word" not in captured.err


def test_an_address_that_is_not_postgresql_is_exit_2_and_not_echoed(capsys) -> None:  # type: ignore[no-untyped-def]
    assert main(["newsroom", "init", "postgre://olena:s3cret-word@host/db"]) == 2
    captured = capsys.readouterr()
    assert captured.err == "workstation: newsroom init: not a newsroom address (it must begin with postgresql://)\n"


@pytest.mark.parametrize("arguments", [["newsroom"], ["newsroom", "init"], ["newsroom", "drop", "postgresql:///x"]])
def test_a_missing_address_or_unknown_action_is_a_usage_error(arguments: list[str], capsys) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(SystemExit) as stopped:
        main(arguments)
    assert stopped.value.code == 2
    assert capsys.readouterr().err.startswith("workstation newsroom")
