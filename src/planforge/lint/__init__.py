"""The plan linter: rules over a `Plan`, whichever reader produced it."""
