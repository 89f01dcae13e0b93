/**
 * The web dashboard's pages: {@code /} redirects to {@code /ui/}, which lists the runs;
 * {@code /ui/runs/<id>} is a run's page and {@code /ui/runs/<id>/viewer?case=<case>} its 3D viewer.
 * The pages are static shells (HTML, the bundled scripts under {@code /ui/assets/}) that hold no
 * run data: their scripts call the API with the user's bearer token, so the pages themselves need
 * none. See docs/DECISIONS.md "Dashboard and viewer (issue 11)".
 */
package dev.segfold.config.ui;
