"""Independent reference implementations (test oracles) written from the specification only."""
