from .pages import (  # noqa: F401
    Adoption,
    DevelopmentStage,
    ModelContact,
    PracticeModelIndexPage,
    PracticeModelPage,
)
from .vocabularies import (  # noqa: F401
    VOCABULARY_MODELS,
    Funder,
    Municipality,
    Organisation,
    Region,
    TargetGroup,
    Theme,
    Vocabulary,
)
