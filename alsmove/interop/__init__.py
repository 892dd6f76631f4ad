"""Data that moves between systems: the FHIR R4 export of a record and the import of
ALSFRS-R questionnaire responses. The mapping is pure (`alsmove.interop.fhir`); this app
reads the models in one thin layer (`records`) and writes through the assessment service."""
