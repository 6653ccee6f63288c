"""Each setting is read by a typed reader that takes only what it documents."""

import os
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from portal import config


@pytest.fixture(autouse=True)
def fresh_record(monkeypatch):
    # Names read here are made up; keep them out of the record the settings left.
    monkeypatch.setattr(config, "_names_read", set())


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("1", True),
        ("true", True),
        ("True", True),
        ("YES", True),
        ("on", True),
        ("0", False),
        ("false", False),
        ("FALSE", False),
        ("no", False),
        ("Off", False),
    ],
)
def test_a_boolean_takes_1_0_true_false_yes_no_on_off_in_any_case(monkeypatch, text, value):
    monkeypatch.setenv("SOME_FLAG", text)
    assert config.boolean("SOME_FLAG", default=not value) is value


@pytest.mark.parametrize("text", ["ture", "flase", "2", "-1", "y", "enabled", ""])
def test_a_boolean_refuses_anything_else_naming_the_variable_and_the_value(monkeypatch, text):
    monkeypatch.setenv("DEBUG", text)
    with pytest.raises(ImproperlyConfigured) as refused:
        config.boolean("DEBUG", default=False)
    message = str(refused.value)
    assert f"DEBUG={text!r}" in message
    assert "1/0, true/false, yes/no or on/off" in message


def test_an_unset_variable_takes_its_default(monkeypatch):
    monkeypatch.delenv("SOME_SETTING", raising=False)
    assert config.boolean("SOME_SETTING", default=True) is True
    assert config.integer("SOME_SETTING", default=25) == 25
    assert config.string("SOME_SETTING", default="x") == "x"
    assert config.string_list("SOME_SETTING", default=["a"]) == ["a"]
    assert config.path("SOME_SETTING", default=Path("/srv")) == Path("/srv")


def test_an_unset_variable_without_a_default_stops_with_its_name(monkeypatch):
    monkeypatch.delenv("SOME_SETTING", raising=False)
    with pytest.raises(ImproperlyConfigured, match="Set the SOME_SETTING environment variable"):
        config.string("SOME_SETTING")


def test_a_string_is_taken_as_it_is_even_empty(monkeypatch):
    monkeypatch.setenv("SOME_SETTING", "")
    assert config.string("SOME_SETTING", default="x") == ""


@pytest.mark.parametrize(("text", "value"), [("587", 587), (" 25 ", 25), ("0", 0), ("-3", -3)])
def test_an_integer_takes_whole_numbers(monkeypatch, text, value):
    monkeypatch.setenv("EMAIL_PORT", text)
    assert config.integer("EMAIL_PORT", default=1) == value


@pytest.mark.parametrize("text", ["", "1.5", "twenty", "1_000", "0x19", "２５"])
def test_an_integer_refuses_anything_else_naming_the_variable_and_the_value(monkeypatch, text):
    monkeypatch.setenv("EMAIL_PORT", text)
    with pytest.raises(ImproperlyConfigured) as refused:
        config.integer("EMAIL_PORT", default=25)
    assert f"EMAIL_PORT={text!r}" in str(refused.value)
    assert "whole number" in str(refused.value)


def test_an_integer_below_its_minimum_is_refused(monkeypatch):
    monkeypatch.setenv("EMAIL_PORT", "1")
    assert config.integer("EMAIL_PORT", default=25, minimum=1) == 1
    monkeypatch.setenv("EMAIL_PORT", "0")
    with pytest.raises(ImproperlyConfigured, match=r"EMAIL_PORT='0'.*at least 1"):
        config.integer("EMAIL_PORT", default=25, minimum=1)


def test_a_list_splits_on_commas_and_drops_blanks(monkeypatch):
    monkeypatch.setenv("ALLOWED_HOSTS", "a.example, b.example,,")
    assert config.string_list("ALLOWED_HOSTS", default=[]) == ["a.example", "b.example"]
    monkeypatch.setenv("ALLOWED_HOSTS", "")
    assert config.string_list("ALLOWED_HOSTS", default=["x"]) == []


def test_a_path_is_made_absolute_from_the_working_directory(monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("MEDIA_ROOT", "media/../files")
    assert config.path("MEDIA_ROOT", default=Path("/srv")) == tmp_path / "files"


def test_an_empty_path_is_refused(monkeypatch):
    monkeypatch.setenv("MEDIA_ROOT", "")
    with pytest.raises(ImproperlyConfigured, match="MEDIA_ROOT=''"):
        config.path("MEDIA_ROOT", default=Path("/srv"))


def test_a_path_with_a_nul_is_refused(monkeypatch):
    # No real environment can hold a NUL, so stand in a mapping that does.
    monkeypatch.setattr(os, "environ", {"MEDIA_ROOT": "/srv/a\0b"})
    with pytest.raises(ImproperlyConfigured, match="MEDIA_ROOT=.*NUL"):
        config.path("MEDIA_ROOT", default=Path("/srv"))


def test_a_database_url_becomes_a_databases_entry(monkeypatch):
    monkeypatch.setenv("DATABASE_URL", "postgres://portal:secret@db:5432/portal")
    database = config.database_url("DATABASE_URL", default="sqlite:////tmp/x.sqlite3")
    assert database["ENGINE"] == "django.db.backends.postgresql"
    assert (database["HOST"], database["PORT"], database["NAME"]) == ("db", 5432, "portal")


def test_an_unset_database_url_parses_its_default(monkeypatch):
    monkeypatch.delenv("DATABASE_URL", raising=False)
    database = config.database_url("DATABASE_URL", default="sqlite:////tmp/x.sqlite3")
    assert database["ENGINE"] == "django.db.backends.sqlite3"
    assert database["NAME"] == "/tmp/x.sqlite3"


@pytest.mark.parametrize(
    "url",
    ["", "portal.sqlite3", "postgress://portal:secret@db/portal", "postgres://p:secret@db:x/p"],
)
def test_a_bad_database_url_is_refused_without_showing_its_password(monkeypatch, url):
    monkeypatch.setenv("DATABASE_URL", url)
    with pytest.raises(ImproperlyConfigured, match="DATABASE_URL") as refused:
        config.database_url("DATABASE_URL", default="sqlite:////tmp/x.sqlite3")
    assert "secret" not in str(refused.value)


def test_the_readers_record_every_name_they_are_asked_for(monkeypatch):
    monkeypatch.setenv("SOME_FLAG", "ture")
    config.string("SOME_NAME", default="")
    config.integer("SOME_NUMBER", default=1)
    with pytest.raises(ImproperlyConfigured):
        config.boolean("SOME_FLAG", default=False)
    assert config.names_read() == {"SOME_NAME", "SOME_NUMBER", "SOME_FLAG"}


def test_a_choice_accepts_only_its_words(monkeypatch):
    monkeypatch.setenv("LOG_LEVEL", "WARNING")
    assert config.choice("LOG_LEVEL", choices=["INFO", "WARNING"], default="INFO") == "WARNING"
    monkeypatch.setenv("LOG_LEVEL", "verbose")
    with pytest.raises(ImproperlyConfigured, match="LOG_LEVEL"):
        config.choice("LOG_LEVEL", choices=["INFO", "WARNING"], default="INFO")


def test_a_secret_can_come_from_the_file_its_name_file_variable_points_to(monkeypatch, tmp_path):
    secret = tmp_path / "secret_key"
    secret.write_text("from-a-mounted-secret\n", encoding="utf-8")
    monkeypatch.delenv("SOME_SECRET", raising=False)
    monkeypatch.setenv("SOME_SECRET_FILE", str(secret))
    assert config.string("SOME_SECRET") == "from-a-mounted-secret"
    monkeypatch.setenv("SOME_SECRET", "the variable wins")
    assert config.string("SOME_SECRET") == "the variable wins"


def test_an_unreadable_secret_file_stops_start_up_naming_the_variable(monkeypatch, tmp_path):
    monkeypatch.delenv("SOME_SECRET", raising=False)
    monkeypatch.setenv("SOME_SECRET_FILE", str(tmp_path / "missing"))
    with pytest.raises(ImproperlyConfigured, match="SOME_SECRET_FILE"):
        config.string("SOME_SECRET")
