"""Independent reference implementations (test oracles), written from the documented grammar only, not from the
library under test."""
