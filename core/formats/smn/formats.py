from core.formats.sami import *  # noqa: F403 - Inari Sámi uses the shared Sámi formats
