import pytest

from dzdesk.domain.profile import EngineerProfile, ProfileProblem, phone_is_valid


@pytest.mark.parametrize("phone", ["13980861234", "+86 13980861234", "0818-2123456", "08182123456",
                                   "2123456", "0818-2123456-801"])
def test_valid_phones(phone):
    assert phone_is_valid(phone)


@pytest.mark.parametrize("phone", ["12345", "1398086123", "23980861234", "abc", "0818-12"])
def test_invalid_phones(phone):
    assert not phone_is_valid(phone)


def test_problems_are_listed():
    assert EngineerProfile().problems() == [ProfileProblem.NAME_MISSING]
    assert EngineerProfile(name="张" * 41, phone="123").problems() == [
        ProfileProblem.NAME_TOO_LONG, ProfileProblem.PHONE_INVALID]
    assert EngineerProfile(name="李明", team="组" * 61).problems() == [ProfileProblem.TEAM_TOO_LONG]
    assert EngineerProfile(name="李明").is_complete
