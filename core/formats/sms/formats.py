from core.formats.sami import *  # noqa: F403 - Skolt Sámi uses the shared Sámi formats
