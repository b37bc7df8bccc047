"""Packages of the learner edition for learning platforms.

- :mod:`coprod.packaging.scorm`: a SCORM 1.2 package, one SCO per chapter, whose
  chapters report completion and session time (and nothing the learner wrote);
- :mod:`coprod.packaging.cartridge`: an IMS Common Cartridge 1.3 with a module per
  part of the book, a web link per chapter to the published learner edition,
  and the suggested assignments as assignment items;
- :mod:`coprod.packaging.toc`: the chapters and parts read from ``_toc.yml``;
- :mod:`coprod.packaging.validate`: manifest checks shared by both.

``python -m coprod package`` builds both.
"""

from __future__ import annotations

__all__ = ["cartridge", "scorm", "toc", "validate"]
