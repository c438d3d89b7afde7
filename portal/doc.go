// Package portal is the reporting portal `gyqc serve` runs: one private link per unit and
// period (/u/<token>/) to download the unit's template, upload its return and see at once
// what became of it, and office pages (/office/) with the live 报送情况 board, each unit's
// versions and problems, uploads of returns that came by other ways and the outputs on
// demand. Every check, state and output goes through the same packages as the command line:
// collect for uploads, templates for the template, the root evaluation for states,
// consolidate and render for the outputs. Links are derived from the workspace secret
// (Links); nothing a request names is ever used as a path in the file system.
package portal
