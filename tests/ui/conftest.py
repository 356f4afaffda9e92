import pytest

from dzdesk.config import Settings
from dzdesk.domain.catalogue import load_catalogue
from dzdesk.domain.profile import EngineerProfile
from dzdesk.ui.context import AppContext
from dzdesk.ui.i18n import install_translations


@pytest.fixture
def chinese(qapp):
    translators = install_translations(qapp, "zh_CN")
    yield
    for translator in translators:
        qapp.removeTranslator(translator)


@pytest.fixture
def ctx(data_dir, store):
    settings = Settings(profile=EngineerProfile(name="李明", phone="13980861234", team="运维一组"))
    settings.save(data_dir.settings_file)
    return AppContext(data_dir=data_dir, settings=settings, store=store, catalogue=load_catalogue())
