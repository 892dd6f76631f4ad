"""The FHIR mapping as plain functions over plain data: no Django, no database.

`snapshot` holds what a record says, `export` turns it into a Bundle (a dict that is
FHIR R4 JSON), `parse` reads QuestionnaireResponses back out of a Bundle. An
import-linter contract keeps this package free of Django and of the apps.
"""
