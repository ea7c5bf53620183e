"""Results of a case: e-licences, seals and decision letters, and their public check."""
