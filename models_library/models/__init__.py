from .evidence import COST_BAND_DEFINITIONS, EVIDENCE_DEFINITIONS, CostBand, EvidenceLevel  # noqa: F401
from .pages import (  # noqa: F401
    Adoption,
    DevelopmentStage,
    ModelContact,
    PracticeModelIndexPage,
    PracticeModelPage,
)
from .reports import AdoptionReport, DevelopmentPathEntry  # noqa: F401
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
