"""Tests of appwrite_dsl.transport against real local HTTP servers."""
