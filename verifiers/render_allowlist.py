"""What positively renders normally: the allowlist the hidden reading of the rendering model keeps.

The hidden reading (docs/verifiers.md, "What renders") keeps only presentation this module knows draws its text
plainly and legibly; everything else is *uncertain* and its text is removed, so an answer must be set in
markup known to show it. Kept: TeX commands of :data:`TEX_PLAIN` (symbols, fonts, fractions, boxes, legible
sizes, layout), spacing of a small known length (:data:`TEX_LENGTHS`), colours that parse and show on white,
environments of :data:`TEX_ENVIRONMENTS`; HTML elements of :data:`HTML_ELEMENTS` whose attributes are all in
:data:`HTML_ATTRIBUTES` with values known harmless, and CSS declarations of :data:`CSS_PROPERTIES` with values
known legible. What an unknown construct governs is removed: a TeX command not on the list, or one whose length
or colour is not known harmless, takes the rest of its group (an environment, a brace group, the rest of the
text at top level: its arguments, or all a switch affects) and a move the rest of its line too; an unknown
environment, its content; an HTML element not on the list or with an attribute, style or class not known
harmless, its content; a ``<style>`` sheet, the elements its rules could target unless every declaration is
known harmless (a selector it cannot read targets everything). One pass over the text per notation, each
with a stack of scopes: linear.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from rlvr.verifiers.invisible import MAX_CONTRAST, TEX_POINTS, WHITE, contrast, css_colour, latex_colour, over
from rlvr.verifiers.lexer import closing_brace
from rlvr.verifiers.render_nesting import faded_cuts, nesting_cuts

_GREEK = (
    "alpha beta gamma delta epsilon varepsilon zeta eta theta vartheta iota kappa varkappa lambda mu nu xi omicron "
    "pi varpi rho varrho sigma varsigma tau upsilon phi varphi chi psi omega Gamma Delta Theta Lambda Xi Pi Sigma "
    "Upsilon Phi Psi Omega varGamma varDelta varTheta varLambda varXi varPi varSigma varUpsilon varPhi varPsi "
    "varOmega digamma"
)
_SYMBOLS = (
    "times div cdot cdots ldots dots dotsc dotsb dotsm dotsi vdots ddots pm mp ast star circ bullet oplus ominus "
    "otimes oslash odot cap cup sqcap sqcup vee wedge wr amalg setminus smallsetminus uplus lhd rhd unlhd unrhd "
    "triangleleft triangleright bigtriangleup bigtriangledown dagger ddagger le leq ge geq ne neq equiv approx "
    "approxeq sim simeq cong propto doteq coloneqq coloneq eqqcolon triangleq models perp parallel mid nmid shortmid "
    "in notin ni owns subset subseteq subsetneq supset supseteq supsetneq sqsubset sqsubseteq sqsupset "
    "sqsupseteq prec preceq succ succeq ll gg lll ggg leqslant geqslant lesssim gtrsim nless ngtr nleq ngeq "
    "lneq gneq lneqq gneqq asymp bowtie vdash dashv vDash therefore because to gets mapsto longmapsto "
    "rightarrow leftarrow leftrightarrow Rightarrow Leftarrow Leftrightarrow longrightarrow longleftarrow "
    "longleftrightarrow Longrightarrow Longleftarrow Longleftrightarrow implies impliedby iff uparrow "
    "downarrow updownarrow Uparrow Downarrow Updownarrow nearrow searrow swarrow nwarrow hookrightarrow "
    "hookleftarrow rightharpoonup rightharpoondown leftharpoonup leftharpoondown rightleftharpoons "
    "leftrightarrows rightrightarrows twoheadrightarrow rightsquigarrow xrightarrow xleftarrow "
    "infty partial nabla forall exists nexists neg lnot emptyset varnothing aleph beth hbar hslash imath "
    "jmath ell wp Re Im mho prime backprime angle measuredangle sphericalangle triangle square blacksquare "
    "Box Diamond diamond lozenge blacklozenge clubsuit diamondsuit heartsuit spadesuit flat natural sharp "
    "top bot checkmark degree surd complement S P dag ddag copyright pounds euro yen textdegree "
    "textperthousand textsection textparagraph textbullet textasciitilde textasciicircum textbackslash "
    "textbar textless textgreater textendash textemdash textquotedblleft textquotedblright ldotp cdotp "
    "colon vert Vert lvert rvert lVert rVert langle rangle lceil rceil lfloor rfloor lbrace rbrace lbrack "
    "rbrack backslash slash | lgroup rgroup ulcorner urcorner llcorner lrcorner "
    # blackboard shorthands of KaTeX and MathJax, and AMS symbols
    "R N Z Q C Reals reals Complex natnums Bbbk land lor lt gt leqq geqq nleqq ngeqq hdots llbracket rrbracket "
    "subsetneqq supsetneqq varsubsetneq varsupsetneq nsubseteq nsupseteq ncong nsim nparallel bigstar "
    "blacktriangle vartriangle varpropto upharpoonright restriction circledast iddots dotso eth thicksim "
    "thickapprox backsim curlyeqprec lessgtr gtrless lessapprox gtrapprox trianglelefteq trianglerighteq smile "
    "frown Join boxplus boxminus boxtimes boxdot circledcirc circleddash divideontimes ltimes rtimes "
    "leftthreetimes rightthreetimes curlywedge curlyvee barwedge veebar doublebarwedge intercal dotplus centerdot "
    "And mathsterling textmu textohm textdollar dollar nrightarrow nleftarrow nRightarrow nLeftarrow "
    "nleftrightarrow nLeftrightarrow leadsto lightning qedsymbol qed QED mathellipsis textellipsis TeX LaTeX "
    "gimel daleth celsius degreeCelsius ohm percent"
)
_OPERATORS = (
    "sin cos tan cot sec csc arcsin arccos arctan sinh cosh tanh coth sech csch arg deg det dim exp gcd hom inf "
    "ker lg lim liminf limsup ln log max min Pr sup lcm mod bmod pmod pod sum prod coprod int iint iiint oint "
    "bigcup bigcap bigoplus bigotimes bigodot biguplus bigsqcup bigvee bigwedge intop smallint"
)
_WRAPPERS = (
    "abs norm frac dfrac tfrac cfrac sfrac nicefrac binom dbinom tbinom choose over atop sqrt root of boxed fbox bbox "
    "framebox text textrm textbf textit textsl textsf texttt textsc textup textmd textnormal emph mbox hbox "
    "mathrm mathbf mathit mathsf mathtt mathcal mathbb mathfrak mathscr mathnormal boldsymbol bm pmb "
    "operatorname operatornamewithlimits ensuremath underline overline underbrace overbrace overset underset "
    "stackrel substack overrightarrow overleftarrow overleftrightarrow underrightarrow underleftarrow "
    "widehat widetilde hat check tilde acute grave dot ddot dddot breve bar vec mathring not "
    "left right middle big Big bigg Bigg bigl bigr Bigl Bigr biggl biggr Biggl Biggr bigm Bigm "
    "displaystyle textstyle scriptstyle scriptscriptstyle limits nolimits "
    "bf it rm sf tt sl sc em normalfont bfseries itshape mdseries upshape slshape scshape rmfamily sffamily "
    "ttfamily tiny scriptsize footnotesize small normalsize large Large LARGE huge Huge "
    "smash rlap llap clap mathrlap mathllap mathclap strut mathstrut relax "
    "section subsection subsubsection paragraph subparagraph chapter part title author date maketitle "
    "item label ref eqref cite tag notag nonumber url href footnote caption centering raggedright raggedleft "
    "noindent indent par newline linebreak pagebreak newpage clearpage hline cline toprule midrule bottomrule "
    "multicolumn multirow begin end documentclass usepackage definecolor colorlet "
    "quad qquad enspace enskip thinspace medspace thickspace negthinspace negmedspace negthickspace "
    "hfill hfil vfill vfil fill smallskip medskip bigskip nobreak allowbreak textwidth linewidth columnwidth "
    "SI si num qty ang unit metre meter second kilogram gram centi milli kilo mega micro per squared cubic "
    "cancel bcancel xcancel sout st xout cancelto phantom hphantom vphantom verb "
    "Bbb mathds mathbbm textsuperscript textsubscript mathop mathbin mathrel mathord mathpunct mathinner arccot "
    "arcsec arccsc sgn ce pu varlimsup varliminf idotsint intertext genfrac hdashline cr underbar overbar "
    "mathsfit mathbfit bold Bold widecheck wideparen overparen underparen overgroup undergroup utilde "
    "overlinesegment underlinesegment xrightleftharpoons xleftrightarrow xLeftarrow xRightarrow xLeftrightarrow "
    "xhookleftarrow xhookrightarrow xmapsto xrightharpoonup xtwoheadrightarrow "
    "uline uuline uwave shortintertext hrulefill dotfill alph Alph arabic roman Roman fnsymbol baselineskip parskip "
    "smallskipamount medskipamount bigskipamount stretch normalcolor"
)
#: boxes that frame their argument as ``\\fbox`` does: fancybox's (``\\ovalbox``, ``\\Ovalbox``, ``\\doublebox``,
#: ``\\shadowbox``), tcolorbox's ``\\tcbox`` and mathtools' ``\\Aboxed`` (a boxed aligned equation, ``\\Aboxed{x &= 24}``)
TEX_FRAMES = frozenset("ovalbox Ovalbox doublebox shadowbox tcbox Aboxed".split())
#: TeX commands known to render plainly: their arguments, and the material they switch, show as text (a
#: ``\\tcbox`` only with options known legible: :func:`_tex_plain`)
TEX_PLAIN = frozenset(" ".join((_GREEK, _SYMBOLS, _OPERATORS, _WRAPPERS)).split()) | TEX_FRAMES - {"tcbox"}
#: commands that take a length: kept when it is small (:data:`MIN_MOVE_POINTS` to :data:`MAX_MOVE_POINTS`)
TEX_LENGTHS = frozenset("kern hskip mkern mskip hspace vspace vskip mspace".split())
#: a move or space of this many points at least, and at most, is plain spacing (``\\!`` is about -1.7pt)
MIN_MOVE_POINTS = -6.0
MAX_MOVE_POINTS = 100.0
#: moves back along a line adding up to more than this many points may draw what follows over what precedes
#: (a digit is about 5pt wide at 10pt; ``\!`` is about 1.7pt)
MAX_BACK_POINTS = 2.0
#: commands that colour their argument or, as switches, the rest of their group; backgrounds too
TEX_TEXT_COLOURS = frozenset("textcolor color mathcolor".split())
TEX_BACKGROUNDS = frozenset("colorbox fcolorbox pagecolor cellcolor rowcolor columncolor sethlcolor hl".split())
#: boxes with a size or offset parameter, kept when it is a small known length
TEX_SIZED_BOXES = frozenset("raisebox makebox parbox".split())
#: a scale factor or opacity at least this (and a scale at most :data:`MAX_SCALE`) draws its text legibly
MIN_SCALE = 0.5
MAX_SCALE = 5.0
#: MathJax ``\\enclose`` notations that draw around their content, not across it
_ENCLOSE = re.compile(
    r"[ \t]*+\{(?:[ \t]*+(?:box|roundedbox|circle|top|bottom|left|right|actuarial|madruwb|longdiv|radical)[ \t,]*+)++\}"
)
_TEX_FACTOR = re.compile(r"[ \t]*+\{[ \t]*+(\d{0,3}+(?:\.\d{1,6}+)?+)[ \t]*+\}")
#: environments known to lay their content out plainly; ``True``: options in brackets are harmless
TEX_ENVIRONMENTS: dict[str, bool] = {
    **{
        e: False
        for e in (
            "document equation equation* align align* aligned alignat alignat* gather gather* gathered multline "
            "multline* split flalign flalign* eqnarray eqnarray* cases dcases rcases matrix pmatrix bmatrix "
            "Bmatrix vmatrix Vmatrix smallmatrix center flushleft flushright quote quotation verse proof "
            "theorem lemma corollary proposition definition remark example solution answer tcolorbox mdframed "
            "framed displaymath math subequations"
        ).split()
    },
    **{e: True for e in "array tabular tabular* itemize enumerate description minipage table figure".split()},
}
#: TeX's length units in points (``mu`` is 1/18 em in math)
_UNITS = {**TEX_POINTS, "mu": 10.0 / 18, "sp": 1 / 65536}

#: a control word, an environment's start, or ``\\\\`` (so that ``\\\\kern`` is a line break and text); other
#: control symbols (``\\,``, ``\\{``) are no match
_TEX_TOKEN = re.compile(r"\\(?:\\|(begin)[ \t]*+\{([^{}\n]{1,40}+)\}|([A-Za-z]++)\*?+)")
_TEX_LENGTH = re.compile(
    r"[ \t]*+=?+[ \t]*+(?:\{[ \t]*+([-+]?+[\d.]{1,12}+)[ \t]*+([a-z]{2})[ \t]*+\}|([-+]?+[\d.]{1,12}+)[ \t]*+([a-z]{2}))"
)
_TEX_COLOUR_ARG = re.compile(r"[ \t]*+(?:\[([^\]\n]{0,30}+)\])?+[ \t]*+\{([^{}\n]{0,60}+)\}")
_TEX_BOX_ARG = re.compile(r"[ \t]*+[\[{][ \t]*+([-+]?+[\d.]{1,12}+)[ \t]*+([a-z]{2})[ \t]*+[\]}]")
_DEFINE = re.compile(
    r"\\definecolor[ \t]*+\{([^{}]{1,30}+)\}[ \t]*+\{([^{}]{1,10}+)\}[ \t]*+\{([^{}]{1,60}+)\}"
    r"|\\colorlet[ \t]*+\{([^{}]{1,30}+)\}[ \t]*+\{([^{}]{1,60}+)\}"
)


def _points(number: str, unit: str) -> float | None:
    try:
        return float(number) * _UNITS[unit] if unit in _UNITS else None
    except ValueError:
        return None


_NAMED_GLUE = re.compile(
    r"[ \t]*+\{[ \t]*+\\(?:fill|stretch[ \t]*+\{[ \t]*+\d{1,2}+[ \t]*+\}|baselineskip|parskip|smallskipamount"
    r"|medskipamount|bigskipamount)[ \t]*+\}"
)
_TEX_RULE = re.compile(
    r"[ \t]*+(?:\[[ \t]*+[-+]?+[\d.]{1,8}+[ \t]*+[a-z]{2}[ \t]*+\])?+[ \t]*+\{[ \t]*+(?:[\d.]{0,6}+[ \t]*+\\(?:linewidth"
    r"|textwidth|columnwidth)|([\d.]{1,8}+)[ \t]*+([a-z]{2}))[ \t]*+\}[ \t]*+\{[ \t]*+([\d.]{1,8}+)[ \t]*+([a-z]{2})[ \t]*+\}"
)
_ROTATION = re.compile(r"[ \t]*+(?:\[[^\]\n]{0,40}+\])?+[ \t]*+\{[ \t]*+(-?+\d{1,4}+)[ \t]*+\}")


def _rule_ok(text: str, end: int) -> bool:
    """``\\rule`` of an ordinary size: up to the line's width, at most 10pt thick."""
    m = _TEX_RULE.match(text, end)
    if m is None:
        return False
    width = 0.0 if m.group(1) is None else _points(m.group(1), m.group(2))
    thick = _points(m.group(3), m.group(4))
    return width is not None and 0 <= width <= 500 and thick is not None and 0 <= thick <= 10


_RESIZE = re.compile(
    r"\*?+[ \t]*+\{[ \t]*+([^{}\n]{1,30}+)\}[ \t]*+\{[ \t]*+([^{}\n]{1,30}+)\}[ \t]*+\{((?:[^{}\n]|\{[^{}\n]{0,60}+\}){0,200}+)\}"
)
#: the smallest width a character may be resized to, and the smallest and largest height, in points
MIN_RESIZED_CHARACTER = 4.0
RESIZED_HEIGHT = (5.0, 500.0)


def _resize_ok(text: str, end: int) -> bool:
    """``\resizebox{w}{h}{…}`` draws its text legibly: each of the width and height is ``!`` (kept in
    proportion) or a length (a width of :data:`MIN_RESIZED_CHARACTER` points per character of the text at least,
    at most 500pt; a height in :data:`RESIZED_HEIGHT`), not both ``!``; the text holds groups one level deep."""
    m = _RESIZE.match(text, end)
    if m is None or m.group(1).strip() == m.group(2).strip() == "!":
        return False
    chars = len(re.sub(r"\\[A-Za-z]++|[\s${}]", "", m.group(3)))
    for arg, low, high in ((m.group(1), MIN_RESIZED_CHARACTER * chars, 500.0), (m.group(2), *RESIZED_HEIGHT)):
        length = _TEX_LENGTH.fullmatch(arg.strip()) if arg.strip() != "!" else None
        p = None if length is None else _points(length.group(3), length.group(4))
        if arg.strip() != "!" and (p is None or not low <= p <= high):
            return False
    return True


def _move(text: str, end: int) -> float | None:
    """The length in points after a spacing command at ``text[end]`` (0 for a named glue: ``\\fill``,
    ``\\baselineskip``), ``None`` when it is not known."""
    if _NAMED_GLUE.match(text, end) is not None:
        return 0.0
    m = _TEX_LENGTH.match(text, end)
    return None if m is None else _points(m.group(1) or m.group(3), m.group(2) or m.group(4))


def _small_move(text: str, end: int) -> bool:
    """The length after a spacing command at ``text[end]`` is known and small."""
    p = _move(text, end)
    return p is not None and MIN_MOVE_POINTS <= p <= MAX_MOVE_POINTS


def _tex_colours(text: str) -> dict[str, tuple[tuple[float, float, float], float] | None]:
    """The colours the text defines (``\\definecolor``, ``\\colorlet``), ``None`` for one it cannot read."""
    local: dict[str, tuple[tuple[float, float, float], float] | None] = {}
    for d in _DEFINE.finditer(text):
        name, model, spec = (d.group(1), d.group(2), d.group(3)) if d.group(1) else (d.group(4), None, d.group(5))
        spec = spec.strip()
        local[name.strip()] = local.get(spec) if spec in local else latex_colour(model, spec)
    return local


def _standard_redefined(text: str) -> int:
    """Where the text first redefines a colour name that already has a meaning (``\\definecolor{white}{…}``,
    ``\\colorlet{black}{…}``), or -1: from there on a reader's colours and the grader's may differ."""
    for d in _DEFINE.finditer(text):
        if latex_colour(None, (d.group(1) or d.group(4)).strip()) is not None:
            return d.start()
    return -1


def _known_colour(model: str | None, spec: str, local: dict) -> tuple[tuple[float, float, float], float] | None:
    spec = spec.strip()
    return local.get(spec) if not model and spec in local else latex_colour(model, spec)


def _legible(colour: tuple[tuple[float, float, float], float] | None, painted: bool) -> bool:
    """A text colour known to show on the white page; where the completion sets a background (``painted``) the
    painter judges its contrast with it, so the colour need only parse."""
    return colour is not None and (painted or contrast(over(colour, WHITE), WHITE) > MAX_CONTRAST)


def _tex_colour_ok(name: str, text: str, end: int, local: dict, painted: bool) -> bool:
    """A colour command's colours (its first, and :cmd:`fcolorbox`'s second) parse, a text colour legibly."""
    if name == "hl":
        return True
    m = _TEX_COLOUR_ARG.match(text, end)
    if m is None:
        return False
    colour = _known_colour(m.group(1), m.group(2), local)
    if name == "fcolorbox":
        second = _TEX_COLOUR_ARG.match(text, m.end())
        return colour is not None and second is not None and _known_colour(None, second.group(2), local) is not None
    return _legible(colour, painted) if name in TEX_TEXT_COLOURS else colour is not None


def _tex_sized_ok(text: str, end: int) -> bool:
    """A sized box's first length (``\\raisebox{2pt}``, ``\\makebox[1cm]``, ``\\parbox{5cm}``) is a small known one,
    or a fraction of the line width; a ``\\parbox`` may first give its position (``[t]``)."""
    m = re.compile(r"[ \t]*+\[[a-z]\]").match(text, end)
    j = m.end() if m else end
    if re.compile(r"[ \t]*+\{[ \t]*+(?:0?\.\d{1,4}|1(?:\.0*)?)?[ \t]*+\\(?:text|line|column)width[ \t]*+\}").match(
        text, j
    ):
        return True
    b = _TEX_BOX_ARG.match(text, j)
    if b is None:
        return False
    p = _points(b.group(1), b.group(2))
    return p is not None and abs(p) <= 5 * MAX_MOVE_POINTS


_BOX_OPTION = re.compile(r"[ \t]*+([a-z]{1,20}+)[ \t]*+=[ \t]*+([^,\]\n]{1,60}+)[ \t]*+(?:,|(?=\]))")


def _box_options_known(text: str, end: int, local: dict) -> bool:
    """A ``tcolorbox``/``mdframed`` option list of a frame colour, a title and a background colour on which black
    text is certainly legible (``[colback=blue!5]``)."""
    from rlvr.verifiers.invisible import BLACK, LEGIBLE_CONTRAST

    at = end + 1
    for o in _BOX_OPTION.finditer(text, at, min(len(text), at + 400)):
        if o.start() != at:
            return False
        at = o.end()
        key, colour = o.group(1), _known_colour(None, o.group(2), local)
        if key in ("colback", "backgroundcolor"):
            if colour is None or contrast(BLACK, over(colour, WHITE)) < LEGIBLE_CONTRAST:
                return False
        elif key in ("colframe", "linecolor") and colour is None or key not in _FRAME_KEYS:
            return False
        if text.startswith("]", at):
            return True
    return False


_FRAME_KEYS = frozenset("colback backgroundcolor colframe linecolor title".split())


def _tex_cuts(text: str, code: list[tuple[int, int]], painted: bool) -> list[tuple[int, int]]:
    """The spans of ``text`` that TeX constructs not known to render plainly govern: an unknown environment its
    content; any other command the rest of its group (to the end of the text at top level), a move the rest of
    its line too, and moves back beyond :data:`MAX_BACK_POINTS` all of their line, what they may draw over
    included. Code and each governed span are skipped: linear."""
    local = _tex_colours(text) if "\\definecolor" in text or "\\colorlet" in text else {}
    if local and (redefined := _standard_redefined(text)) >= 0:
        return [(redefined, len(text))]
    cuts: list[tuple[int, int]] = []
    n = len(text)
    pos = 0
    line_end, moved = -1, {"h": 0.0, "v": 0.0}  # the moves of the current line, added up per direction
    line_start = ink = 0  # the current line's start and first character
    while (m := _TEX_TOKEN.search(text, pos)) is not None:
        pos = m.end()
        name = m.group(3)
        if name in TEX_PLAIN or name is None and m.group(1) != "begin":
            continue
        s = m.start()
        too_far = back = False
        if name in TEX_LENGTHS:
            if s > line_end:
                line_end, moved = (n if (e := text.find("\n", s)) < 0 else e), {"h": 0.0, "v": 0.0}
                line_start = text.rfind("\n", 0, s) + 1
                ink = _INK.search(text, line_start).start()  # at most s: the command is ink
            way = "v" if name.startswith("v") else "h"
            moved[way] += _move(text, m.end()) or 0.0
            too_far = not MIN_MOVE_POINTS <= moved[way] <= MAX_MOVE_POINTS  # added up beyond a single move's range
            back = way == "h" and moved["h"] < -MAX_BACK_POINTS and ink < s  # something before it to draw over
        if m.group(1) == "begin":
            env = m.group(2).strip()
            options = text.startswith("[", m.end())
            if env in TEX_ENVIRONMENTS and (
                not options or TEX_ENVIRONMENTS[env] or _box_options_known(text, m.end(), local)
            ):
                continue
            if env == "empheq" and _EMPHEQ_FRAME.match(text, m.end()) is not None:
                continue
        elif not too_far and not back and _tex_plain(name, text, m.end(), local, painted):
            continue
        if (literal := _code_end(code, s)) >= 0:
            pos = max(pos, literal)
            continue
        if m.group(1) == "begin":
            pos = _environment_end(text, m.end(), env)
        else:
            end = closing_brace(text, m.end())
            pos = n if end < 0 else end
            if name in TEX_LENGTHS:  # a move: the rest of its line too
                line_end = text.find("\n", s)
                pos = max(pos, n if line_end < 0 else line_end)
        cuts.append((line_start if back else s, pos))
    return cuts


_INK = re.compile(r"\S")
#: an ``empheq`` environment framed by a plain box, around a display environment of :data:`TEX_ENVIRONMENTS`
_EMPHEQ_FRAME = re.compile(
    r"[ \t]*+\[[ \t]*+box[ \t]*+=[ \t]*+\\(?:fbox|boxed|framebox)[ \t]*+\][ \t]*+\{(?:equation|align|gather|multline)\*?+\}"
)


@lru_cache(maxsize=256)
def _environment_marks(env: str) -> re.Pattern[str]:
    return re.compile(rf"\\(begin|end)[ \t]*+\{{[ \t]*+{re.escape(env)}[ \t]*+\}}")


def _environment_end(text: str, start: int, env: str) -> int:
    """The end of the ``\\end{env}`` closing an environment whose ``\\begin`` ends at ``start`` (nested ones of
    the same name counted), or of the text."""
    depth = 1
    for m in _environment_marks(env).finditer(text, start):
        depth += 1 if m.group(1) == "begin" else -1
        if depth == 0:
            return m.end()
    return len(text)


def _tex_plain(name: str, text: str, end: int, local: dict, painted: bool) -> bool:
    """The command ``\\name`` (its arguments at ``text[end]``) is known to render plainly."""
    if name in TEX_LENGTHS:
        return _small_move(text, end)
    if name in TEX_TEXT_COLOURS or name in TEX_BACKGROUNDS:
        return _tex_colour_ok(name, text, end, local, painted)
    if name in TEX_SIZED_BOXES:
        return _tex_sized_ok(text, end)
    if name == "rule":
        return _rule_ok(text, end)
    if name == "tcbox":  # a tcolorbox frame: plain, or with options of a known legible colour and a title
        return not text.startswith("[", end) or _box_options_known(text, end, local)
    if name == "rotatebox":
        r = _ROTATION.match(text, end)
        return r is not None and int(r.group(1)) % 360 == 0
    if name == "enclose":
        return _ENCLOSE.match(text, end) is not None
    if name == "resizebox":
        return _resize_ok(text, end)
    if name in ("scalebox", "transparent", "texttransparent"):
        f = _TEX_FACTOR.match(text, end)
        return (
            f is not None
            and f.group(1) != ""
            and MIN_SCALE <= float(f.group(1)) <= (1 if name != "scalebox" else MAX_SCALE)
        )
    return name in TEX_PLAIN


#: HTML elements known to render their content as text
HTML_ELEMENTS = frozenset(
    (
        "html body main section article header footer nav aside address div p span b strong i em u mark small big "
        "sup sub code kbd samp var tt ins q cite dfn abbr bdi time data ul ol li dl dt dd table thead tbody tfoot "
        "tr td th caption colgroup h1 h2 h3 h4 h5 h6 blockquote pre figure figcaption center font a label summary "
        "details answer final final_answer output solution think reflection nobr hgroup bdo "
        "math mrow mi mn mo mtext mfrac msup msub msubsup msqrt mroot mover munder munderover mtable mtr mtd"
    ).split()
)
#: HTML elements with no content
HTML_VOID = frozenset("br hr wbr img col area source track input meta base".split())
_ATTR = re.compile(
    r"""\s*+([A-Za-z_:][-\w:.]{0,40}+)(?:\s*+=\s*+("[^"]{0,300}+"|'[^']{0,300}+'|[^\s"'=<>`]{1,300}+))?+"""
)
_ALIGN = frozenset("left right center justify top middle bottom baseline".split())
#: HTML attributes known not to change what renders; values checked where they could
HTML_ATTRIBUTES = frozenset(
    (
        "id class style title lang name href target rel role tabindex colspan rowspan scope headers start reversed "
        "value type cite datetime abbr alt src dir align valign width height border cellpadding cellspacing open "
        "color bgcolor size translate face display xmlns"
    ).split()
)


@dataclass(frozen=True)
class SheetTargets:
    """What the completion's ``<style>`` sheets could restyle beyond :data:`CSS_PROPERTIES`: every element
    (a type or other selector not bounded, an at-rule, a sheet not parsed), or elements of these classes and
    ids."""

    everything: bool = False
    classes: frozenset[str] = frozenset()
    ids: frozenset[str] = frozenset()


_RULE = re.compile(r"\s*+([^{}@;]{1,200}+)\{([^{}]{0,2000}+)\}\s*+")
_SIMPLE_SELECTOR = re.compile(r"([A-Za-z][\w-]{0,30}+)?+(?:([.#])([A-Za-z_][\w-]{0,40}+))?+")
_STYLE_SHEET = re.compile(r"(?i)<style\b[^<>]{0,300}+>")
_SHEET_OR_LINK = re.compile(r"(?i)<(?:style|link)\b")


def sheet_targets(text: str) -> SheetTargets:
    """The elements the ``<style>`` sheets (and ``<link>`` style sheets) of ``text`` could restyle beyond what is
    known harmless. Each sheet is read once (linear)."""
    if _SHEET_OR_LINK.search(text) is None:
        return SheetTargets()
    if "<link" in text.lower():
        return SheetTargets(everything=True)
    classes: set[str] = set()
    ids: set[str] = set()
    for css in _style_sheets(text):
        if not _read_sheet(css, classes, ids):
            return SheetTargets(everything=True)
    return SheetTargets(False, frozenset(classes), frozenset(ids))


def _style_sheets(text: str) -> Iterator[str]:
    """The CSS of each ``<style>`` element of ``text``, in order (each read once, at most 20,000 characters)."""
    lower = text.lower()
    pos = 0
    for st in _STYLE_SHEET.finditer(text):
        if st.start() < pos:
            continue
        close = lower.find("</style", st.end(), st.end() + 20_000)
        pos = close if close >= 0 else min(len(text), st.end() + 20_000)
        yield text[st.end() : pos]


def _read_sheet(css: str, classes: set[str], ids: set[str]) -> bool:
    """Add the targets of the rules of ``css`` that are not known harmless; ``False`` when one targets what this
    cannot bound (or the sheet does not parse as plain rules)."""
    at = 0
    for r in _RULE.finditer(css):
        if r.start() != at:
            return False
        at = r.end()
        if style_known(r.group(2), sheet=True):
            continue
        for selector in r.group(1).split(","):
            s = _SIMPLE_SELECTOR.fullmatch(selector.strip())
            if s is None or not s.group(2):  # a type selector: the grader reads some elements through already
                return False
            (classes if s.group(2) == "." else ids).add(s.group(3))
    return at == len(css) or not css[at:].strip()


#: elements a browser hides by default, whatever they hold; a style rule can show them (``script{display:block}``)
RAW_ELEMENTS = frozenset("script style template noscript".split())


def sheets_reach_raw_elements(text: str) -> bool:
    """A style sheet of ``text`` could show an element of :data:`RAW_ELEMENTS`: a linked sheet, a sheet that does
    not parse as plain rules, or a rule whose selector names such an element or is no bare class or id selector
    (``*``, ``body script``), whatever it declares. Each sheet is read once (linear)."""
    if _SHEET_OR_LINK.search(text) is None:
        return False
    if "<link" in text.lower():
        return True
    for css in _style_sheets(text):
        at = 0
        for r in _RULE.finditer(css):
            if r.start() != at:
                return True
            at = r.end()
            for selector in r.group(1).split(","):
                simple = _SIMPLE_SELECTOR.fullmatch(selector.strip())
                if simple is None or (simple.group(1) or "").lower() in RAW_ELEMENTS:
                    return True
        if css[at:].strip():
            return True
    return False


_AUTOLINK_SCHEMES = frozenset("http https ftp mailto".split())


def _html_cuts(
    text: str, code: list[tuple[int, int]], targets: SheetTargets, tags: frozenset[str], painted: bool
) -> list[tuple[int, int]]:
    """The spans of ``text`` that HTML elements not known to render plainly govern: their content, to their end
    tag (nested ones of the same name counted) or the end of the text. Code and each governed span are skipped,
    and bare known tags are no match: linear."""
    cuts: list[tuple[int, int]] = []
    pos = 0
    judged: dict[tuple[str, bool], bool] = {}  # attribute lists judged so far (a long run of one tag is judged once)
    pattern = _start_tags(tags)
    while (m := pattern.search(text, pos)) is not None:
        pos = m.end()
        name, attrs = m.group(1).lower(), m.group(2) or ""
        if ":" in name and name.partition(":")[0] in _AUTOLINK_SCHEMES:
            continue  # a Markdown autolink (``<https://…>``) renders as its address
        if name == "svg" and (drawn := _svg_text_end(text, m.end(), attrs, painted)) >= 0:
            pos = drawn
            continue
        if name in HTML_ELEMENTS or name in tags or name in HTML_VOID:
            answer = name in tags or name in _ANSWER_TAGS
            if (attrs, answer) not in judged:
                judged[attrs, answer] = not attrs.strip(" \t/") or _attributes_known(attrs, targets, painted, answer)
            if judged[attrs, answer]:
                continue
        if (literal := _code_end(code, m.start())) >= 0:
            pos = max(pos, literal)
            continue
        if name not in HTML_VOID:
            pos = _element_end(text, m.end(), name)
        cuts.append((m.start(), pos))
    return cuts


_SVG_SIZE = re.compile(r"""\s*+(width|height|xmlns)\s*+=\s*+["']([^"'<>]{1,80}+)["']""")
_SVG_TEXT = re.compile(
    r"""\s*+<text((?:\s++[a-z-]{1,12}+\s*+=\s*+["'][^"'<>]{0,40}+["']){0,6}+)\s*+>([^<>]{1,200}+)</text\s*+>"""
)
_SVG_END = re.compile(r"\s*+</svg\s*+>")
#: the width of a character of SVG text, in pixels, at least (at the 16px default)
SVG_CHARACTER_PX = 8.0


def _svg_attrs(attrs: str, known: re.Pattern[str]) -> dict[str, str] | None:
    """The attributes of an SVG tag, ``None`` when one is not of the ``known`` pattern, is repeated, or the list
    does not parse."""
    found: dict[str, str] = {}
    at = 0
    for a in known.finditer(attrs):
        if a.start() != at or a.group(1) in found:
            return None
        at, found[a.group(1)] = a.end(), a.group(2).strip()
    return found if not attrs[at:].strip(" \t\n/") else None


_SVG_TEXT_ATTR = re.compile(r"""\s*+(x|y|fill|font-size)\s*+=\s*+["']([^"'<>]{0,40}+)["']""")


def _svg_text_end(text: str, start: int, attrs: str, painted: bool) -> int:
    """Where an ``<svg>`` of a pixel width and height (its start tag ending at ``start``) ends, when it holds only
    ``<text>`` elements drawn inside its box (``x`` from 0, each character :data:`SVG_CHARACTER_PX` wide, the
    baseline ``y`` below the characters' height and inside the box) in a legible size and fill; -1 otherwise
    (what an SVG draws outside its box is clipped, and ``fill="none"`` draws no text)."""
    box = _svg_attrs(attrs, _SVG_SIZE)
    if box is None or not all(re.fullmatch(r"\d{1,4}+(?:px)?+", box.get(k, "")) for k in ("width", "height")):
        return -1
    width, height = (float(box[k].removesuffix("px")) for k in ("width", "height"))
    at, drawn = start, False
    while (t := _SVG_TEXT.match(text, at)) is not None:
        own = _svg_attrs(t.group(1), _SVG_TEXT_ATTR)
        if own is None or not _svg_text_inside(own, t.group(2).strip(), width, height, painted):
            return -1
        at, drawn = t.end(), True
    end = _SVG_END.match(text, at)
    return end.end() if drawn and end is not None else -1


def _svg_text_inside(own: dict[str, str], chars: str, width: float, height: float, painted: bool) -> bool:
    size = own.get("font-size", "16").removesuffix("px")
    if not re.fullmatch(r"\d{1,3}+", size) or not 8 <= int(size) <= 200:
        return False
    if "fill" in own and not _legible(css_colour(own["fill"]), painted):
        return False
    try:
        x, y = float(own.get("x", "0")), float(own.get("y", "0"))
    except ValueError:
        return False
    scale = int(size) / 16
    return 0 <= x and x + SVG_CHARACTER_PX * scale * len(chars) <= width and 0.7 * int(size) <= y <= height


def _trie(words: list[str]) -> str:
    """A regex matching exactly ``words`` (sorted), branching on one character at a time (no backtracking over a
    long alternation)."""
    heads: dict[str, list[str]] = {}
    for w in words:
        heads.setdefault(w[:1], []).append(w[1:])
    branches = [re.escape(h) + (_trie(rest) if rest != [""] else "") for h, rest in heads.items() if h]
    alternation = "|".join(branches)
    if "" in heads:
        return f"(?:{alternation})?+" if branches else ""
    return f"(?:{alternation})"


@lru_cache(maxsize=16)
def _start_tags(tags: frozenset[str]) -> re.Pattern[str]:
    """A start tag, except a bare one of a known element (those are the most tags: no match, no Python step)."""
    known = _trie(sorted(HTML_ELEMENTS | HTML_VOID | tags))
    return re.compile(rf"(?i)<(?!(?:{known})[ \t]*+/?+>)([A-Za-z][\w:-]{{0,30}}+)([^<>]{{0,300}}+)?+>")


@lru_cache(maxsize=256)
def _element_marks(name: str) -> re.Pattern[str]:
    return re.compile(rf"(?i)<(/?+){re.escape(name)}(?=[\s/>])[^<>]{{0,300}}+>")


def _element_end(text: str, start: int, name: str) -> int:
    """The end of the end tag closing an element named ``name`` whose start tag ends at ``start`` (nested ones
    counted), or of the text."""
    depth = 1
    for m in _element_marks(name).finditer(text, start):
        depth += -1 if m.group(1) else 1
        if depth == 0:
            return m.end()
    return len(text)


#: the tags the grader reads an answer in: their other attributes are the answer tag's to judge (a status, a
#: confidence: ``disowned_answer_tag``)
_ANSWER_TAGS = frozenset("answer final final_answer output solution".split())


def _attributes_known(attrs: str, targets: SheetTargets, painted: bool, answer: bool = False) -> bool:
    """Every attribute is known not to change what renders, and no sheet rule could restyle the element; on an
    answer tag (``answer``) any attribute but ``hidden`` and the styling ones is the answer tag's to judge."""
    at = 0
    body = attrs.rstrip().removesuffix("/")
    for a in _ATTR.finditer(body):
        if a.start() != at:
            return False
        at = a.end()
        key = a.group(1).lower()
        value = (a.group(2) or "").strip("\"'")
        named = key.startswith(("data-", "aria-")) or key in HTML_ATTRIBUTES or answer and key != "hidden"
        if not named or not _attribute_value_known(key, value, targets, painted):
            return False
    return not body[at:].strip()


def _attribute_value_known(key: str, value: str, targets: SheetTargets, painted: bool) -> bool:
    from rlvr.verifiers.invisible import HIDING_CLASSES

    if "&" in value or "\\" in value:
        return False
    if key == "style":
        return style_known(value, painted)
    if key == "class":
        return not any(c in targets.classes or c in HIDING_CLASSES for c in value.split())
    if key == "id":
        return value not in targets.ids
    if key == "dir":
        return value.lower() in ("ltr", "auto")
    if key == "face":
        return CSS_PROPERTIES["font-family"](value.lower())
    if key in ("align", "valign"):
        return value.lower() in _ALIGN
    if key == "color":
        return _legible(css_colour(value), painted)
    if key == "bgcolor":
        return css_colour(value) is not None
    if key == "size":
        return re.fullmatch(r"\+?[1-7]", value) is not None
    if key in ("width", "height"):
        return re.fullmatch(r"(?:[1-9]\d{1,3}|100)%?|[1-9]\d{1,3}px", value) is not None
    return True


_DECLARATION = re.compile(r"\s*+([A-Za-z-]{1,40}+)\s*+:\s*+([^;]{0,200}+)(?:;|$)")
_FONT_SIZE_WORDS = frozenset(
    "xx-small x-small small medium large x-large xx-large xxx-large smaller larger inherit initial".split()
)
#: a legible font size per unit, from and to
_FONT_SIZE = {"px": (8.0, 200.0), "pt": (6.0, 150.0), "em": (0.5, 10.0), "rem": (0.5, 10.0), "%": (50.0, 1000.0)}
_CSS_LENGTH = re.compile(r"([-+]?+\d{0,6}+(?:\.\d{1,6}+)?+)(px|pt|em|rem|%)?+")
#: the largest margin or padding per unit that is plain layout
_SPACING = {"px": 100.0, "pt": 75.0, "em": 6.0, "rem": 6.0, "%": 20.0, None: 0.0}
_FONTS = frozenset(
    (
        "serif sans-serif monospace system-ui ui-serif ui-sans-serif ui-monospace inherit arial helvetica times "
        "georgia verdana tahoma courier calibri cambria consolas menlo monaco roboto garamond"
    ).split()
)
_BORDER_WORDS = frozenset("none solid dashed dotted double groove ridge inset outset thin medium thick".split())


def _spacing_ok(value: str) -> bool:
    for part in value.split():
        if part == "auto":
            continue
        m = _CSS_LENGTH.fullmatch(part)
        if m is None or not m.group(1) or m.group(1) in "+-.":
            return False
        if not 0 <= float(m.group(1)) <= _SPACING[m.group(2)]:
            return False
    return True


def _font_size_ok(value: str) -> bool:
    if value in _FONT_SIZE_WORDS:
        return True
    m = _CSS_LENGTH.fullmatch(value)
    if m is None or m.group(2) is None or not m.group(1) or m.group(1) in "+-.":
        return False
    low, high = _FONT_SIZE[m.group(2)]
    return low <= float(m.group(1)) <= high


def _border_ok(value: str) -> bool:
    for part in value.split():
        m = _CSS_LENGTH.fullmatch(part)
        if m is not None and m.group(1) and m.group(1) not in "+-.":
            if not 0 <= float(m.group(1)) <= (10 if m.group(2) in ("px", "pt", None) else 1):
                return False
        elif part not in _BORDER_WORDS and part != "currentcolor" and css_colour(part) is None:
            return False
    return True


def _size_ok(value: str) -> bool:
    """A box size: a keyword or any length that is not negative (content that does not fit overflows visibly)."""
    return value in _SIZE_WORDS or _between(value, 0, 10000, ("px", "pt", "em", "rem", "%", None))


_SIZE_WORDS = frozenset("auto none fit-content max-content min-content".split())
_SHADOW_PART = re.compile(r"[a-z]{3,5}+\([^()]{0,80}+\)|[^\s,()]++|,")


def _shadow_ok(value: str) -> bool:
    """A text or box shadow of small offsets and blur and any colour: it draws under the text, never over it."""
    if value == "none":
        return True
    for part in _SHADOW_PART.findall(value):
        if part in (",", "inset") or _between(part, -20, 20, ("px", "pt", None)) or _between(part, -2, 2, ("em",)):
            continue
        if css_colour(part) is None and part != "currentcolor":
            return False
    return True


_FONT_WORDS = frozenset(
    "normal italic oblique bold bolder lighter small-caps 100 200 300 400 500 600 700 800 900".split()
)


def _font_ok(value: str) -> bool:
    """The ``font`` shorthand: style, weight and variant words, a legible size (an optional line height), known
    families."""
    words = value.split(None, 5)
    for i, word in enumerate(words[:5]):
        if word in _FONT_WORDS:
            continue
        size, _, line = word.partition("/")
        rest = " ".join(words[i + 1 :])
        return (
            _font_size_ok(size)
            and (not line or CSS_PROPERTIES["line-height"](line))
            and bool(rest)
            and (CSS_PROPERTIES["font-family"](rest))
        )
    return False


def _letter_spacing_ok(value: str) -> bool:
    """Letter or word spacing that neither piles letters onto each other nor spreads them off the line."""
    return value == "normal" or _between(value, -1, 10, ("px", "pt", None)) or _between(value, -0.05, 1, ("em", "rem"))


def _between(value: str, low: float, high: float, units: tuple[str | None, ...] = (None,)) -> bool:
    """A CSS number or length (in ``units``) from ``low`` to ``high``."""
    m = _CSS_LENGTH.fullmatch(value.strip())
    return (
        m is not None
        and m.group(1) not in ("", "+", "-", ".")
        and m.group(2) in units
        and low <= float(m.group(1)) <= high
    )


_TRANSFORM = re.compile(r"\s*+(rotate|scale|scale[xy]|translate[xy]?+)\(\s*+([^()]{1,40}+)\)")
_WHOLE_TURN = re.compile(r"-?+(?:\d{1,3}+(?:\.0++)?+turn|\d{1,5}+(?:\.0++)?+deg)")


def _transform_ok(value: str) -> bool:
    """A ``transform`` of whole turns, scales of :data:`MIN_SCALE` to :data:`MAX_SCALE` and small translations."""
    at = 0
    for t in _TRANSFORM.finditer(value):
        if t.start() != at:
            return False
        at = t.end()
        args = [a.strip() for a in t.group(2).split(",")]
        fn = t.group(1)
        if fn == "rotate":
            turn = _WHOLE_TURN.fullmatch(args[0]) if len(args) == 1 else None
            if turn is None or not turn.group(0).endswith("turn") and float(turn.group(0)[:-3]) % 360:
                return False
        elif fn.startswith("scale") and not all(_between(a, MIN_SCALE, MAX_SCALE) for a in args):
            return False
        elif fn.startswith("translate") and not all(_between(a, -100, 100, ("px", "pt")) for a in args):
            return False
    return at == len(value) and at > 0


_DARK_FUNCTION = re.compile(r"(ok)?+(?:lab|lch)\(\s*+(\d{1,3}+(?:\.\d{1,6}+)?+)(%?+)\s[^()/]{1,40}+\)")


def _dark_function_colour(value: str) -> bool:
    """A CSS Color 4 ``lab``/``lch``/``oklab``/``oklch`` colour without alpha, of a lightness of at most 90%."""
    m = _DARK_FUNCTION.fullmatch(value.strip())
    if m is None:
        return False
    light = float(m.group(2)) / (100 if m.group(3) or not m.group(1) else 1)
    return light <= 0.9


def _keywords(*words: str):
    allowed = frozenset(" ".join(words).split())
    return lambda value: value in allowed


#: CSS properties known not to hide text, each with the check of a value known harmless
CSS_PROPERTIES = {
    "color": lambda v: css_colour(v) is not None or _dark_function_colour(v),
    "opacity": lambda v: _between(v, MIN_SCALE, 1),
    "transform": _transform_ok,
    "position": _keywords("static relative"),
    "direction": _keywords("ltr rtl"),
    "unicode-bidi": _keywords("normal embed isolate plaintext bidi-override isolate-override"),
    **{side: lambda v: _between(v, -100, 100, ("px", "pt", "em", None)) for side in ("left", "right", "top", "bottom")},
    "background": lambda v: v in ("none", "transparent") or css_colour(v) is not None,
    "background-color": lambda v: css_colour(v) is not None,
    "font-weight": lambda v: re.fullmatch(r"normal|bold|bolder|lighter|[1-9]00", v) is not None,
    "font-style": _keywords("normal italic oblique"),
    "font-variant": _keywords("normal small-caps"),
    "font-family": lambda v: all(f.strip().strip("\"'") in _FONTS for f in v.split(",")),
    "font-size": _font_size_ok,
    "text-align": _keywords("left right center justify start end"),
    "text-decoration": _keywords("none underline overline"),
    "text-decoration-line": _keywords("none underline overline"),
    "text-transform": _keywords("none uppercase lowercase capitalize"),
    "vertical-align": _keywords("baseline middle top bottom sub super text-top text-bottom"),
    "white-space": _keywords("normal nowrap pre pre-wrap pre-line"),
    "display": _keywords(
        "block inline inline-block list-item flex inline-flex grid inline-grid table table-row table-cell flow-root"
    ),
    **{p: _size_ok for p in ("width", "height", "min-width", "min-height", "max-width", "max-height")},
    **{p: _letter_spacing_ok for p in ("letter-spacing", "word-spacing")},
    "text-indent": lambda v: _between(v, 0, 100, ("px", "pt", None)) or _between(v, 0, 6, ("em", "rem")),
    "text-shadow": _shadow_ok,
    "box-shadow": _shadow_ok,
    "font": _font_ok,
    "float": _keywords("left right none"),
    "clear": _keywords("left right both none"),
    **{p: _keywords("visible auto") for p in ("overflow", "overflow-x", "overflow-y")},
    "cursor": lambda v: re.fullmatch(r"[a-z-]{1,20}+", v) is not None,
    "border-collapse": _keywords("collapse separate"),
    "border-spacing": _spacing_ok,
    "box-sizing": _keywords("content-box border-box"),
    "font-variant-numeric": lambda v: all(
        w in ("normal", "tabular-nums", "lining-nums", "oldstyle-nums", "proportional-nums", "slashed-zero")
        for w in v.split()
    ),
    **{
        p: _keywords(
            "normal stretch center start end flex-start flex-end space-between space-around space-evenly baseline"
        )
        for p in ("justify-content", "align-items", "align-content", "justify-items", "align-self")
    },
    "flex-direction": _keywords("row column"),
    "flex-wrap": _keywords("wrap nowrap"),
    **{p: _spacing_ok for p in ("gap", "row-gap", "column-gap")},
    "list-style-type": _keywords("none disc circle square decimal lower-alpha upper-alpha lower-roman upper-roman"),
    "line-height": lambda v: v == "normal" or re.fullmatch(r"(?:1|2|3)(?:\.\d{1,3})?|1\d\d%", v) is not None,
    "border": _border_ok,
    "border-radius": _border_ok,
    **{
        f"{box}{side}": _spacing_ok
        for box in ("margin", "padding")
        for side in ("", "-top", "-bottom", "-left", "-right")
    },
    **{f"border-{side}": _border_ok for side in ("top", "bottom", "left", "right", "width", "style", "color")},
}


def style_known(style: str, painted: bool = False, sheet: bool = False) -> bool:
    """Every declaration of a CSS ``style`` is a property of :data:`CSS_PROPERTIES` with a value known harmless
    (``!important`` aside), each property declared once; an escape (``\\``), a character reference (``&``), a
    comment or anything not a declaration is not known."""
    if "\\" in style or "&" in style or "/*" in style:
        return False
    at, seen = 0, set()
    for d in _DECLARATION.finditer(style):
        if d.start() != at:
            return False
        at = d.end()
        prop, value = d.group(1).lower(), d.group(2).lower().removesuffix("!important").strip()
        check = CSS_PROPERTIES.get(prop)
        if check is None or prop in seen or not check(value):
            return False
        if prop == "color" and not (_legible(css_colour(value), painted) or _dark_function_colour(value)):
            return False
        if sheet and prop.startswith("background"):
            return False  # the painter reads a background in a style attribute, not in a sheet
        seen.add(prop)
        if prop == "unicode-bidi" and value.endswith("override") and not re.search(r"direction\s*+:\s*+ltr", style):
            return False  # an override draws in the order of its direction: only left to right is the text
        if at >= len(style):
            break
    return not style[at:].strip()


def _code_end(spans: list[tuple[int, int]], i: int) -> int:
    """The end of the code span ``i`` is in, or -1."""
    if not spans:
        return -1
    k = bisect_right(spans, (i, 1 << 62)) - 1
    return max((b for a, b in spans[max(0, k - 8) : k + 1] if a <= i < b), default=-1)


def positively_rendered(
    text: str,
    code: list[tuple[int, int]],
    targets: SheetTargets,
    tags: frozenset[str] = frozenset(),
    painted: bool = False,
) -> tuple[str, bool]:
    """``text`` with what is not known to render plainly removed (module docstring), and whether anything was:
    ``code`` the spans that show literally, ``targets`` what the completion's sheets could restyle, ``tags``
    element names the grader reads (its answer tag), ``painted`` whether the completion sets a background (then
    the painter judges each text colour's contrast, and a colour need only parse). Linear."""
    if targets.everything:
        return "", True
    cuts = _tex_cuts(text, code, painted) if "\\" in text else []
    if "<" in text and ">" in text:
        cuts += _html_cuts(text, code, targets, tags, painted)
        cuts += nesting_cuts(text, lambda i: _code_end(code, i), _element_end)
    if not cuts:
        return text, False
    out: list[str] = []
    pos = 0
    for a, b in sorted(cuts):
        if a > pos:
            out.append(text[pos:a] + " ")
        pos = max(pos, b)
    out.append(text[pos:])
    return "".join(out), True


# What known markup shows: after the reading, each form below is rewritten to what a reader sees of it, so the
# answer and any words beside it are read as text (docs/verifiers.md, "What known markup shows").

#: an equation tag that numbers the equation (``1``, ``2.3``, ``A1``, ``*``, ``iv``, ``\\dagger``): no words
_EQUATION_NUMBER = re.compile(
    r"[ \t$()]*+(?:\\(?:ast|star|dagger|ddagger|S)|[*'†‡#]{1,3}+|[ivxIVX]{1,6}+|[A-Za-z]?+\d{1,4}+(?:[.-]\d{1,4}+){0,3}+"
    r"[a-z]?+|[A-Za-z])[*']{0,3}+[ \t$()]*+"
)


def _arg(name: str) -> str:
    """A brace argument of up to 120 characters, one level of groups inside, as the group ``name``."""
    return rf"\{{(?P<{name}>(?:[^{{}}\n]|\{{[^{{}}\n]{{0,60}}+\}}){{0,120}}+)\}}"


_OPT = r"(?:[ \t]*+\[[^\[\]\n]{0,40}+\])"
_X_ARROWS = (
    "rightarrow leftarrow Rightarrow Leftarrow leftrightarrow Leftrightarrow mapsto hookrightarrow hookleftarrow "
    "twoheadrightarrow rightharpoonup rightleftharpoons"
)
_SHOWN_TEX = re.compile(
    rf"\\tag(?P<star>\*)?+[ \t]*+{_arg('tag')}"
    r"|\\label[ \t]*+\{[^{}\n]{0,80}+\}|\\(?:notag|nonumber)(?![A-Za-z])"
    r"|\\(?P<frame>ovalbox|Ovalbox|doublebox|shadowbox|Aboxed|tcbox(?:[ \t]*+\[[^\[\]\n]{0,400}+\])?+)(?![A-Za-z])"
    r"|\\(?P<under>uline|uuline|uwave)(?![A-Za-z])|\\(?P<font>textsc|textup|textmd)(?![A-Za-z])"
    r"|\\(?P<sized>framebox|makebox)[ \t]*+\[[ \t]*+(?P<width>[\d.]{1,8}+)[ \t]*+(?P<unit>[a-z]{2})[ \t]*+\]"
    r"(?:[ \t]*+\[[ \t]*+[lrcs]?+[ \t]*+\])?+[ \t]*+\{(?P<boxed>[^{}\n]{0,200}+)\}"
    r"|\\(?:scalebox[ \t]*+\{[^{}\n]{0,20}+\}" + _OPT + r"?+|resizebox\*?+[ \t]*+\{[^{}\n]{0,30}+\}[ \t]*+"
    r"\{[^{}\n]{0,30}+\}|raisebox[ \t]*+\{[^{}\n]{0,20}+\}" + _OPT + r"{0,2}+|rotatebox" + _OPT + r"?+[ \t]*+"
    r"\{[^{}\n]{0,20}+\}|enclose[ \t]*+\{[^{}\n]{0,60}+\}" + _OPT + r"?+)(?![A-Za-z])"
    r"|\\(?:mathrlap|rlap)[ \t]*+\{(?P<lapped>(?:[^{}\n\\]|\\(?:quad|qquad|[ ,;])|\\text[ \t]*+\{[^{}\n\\]{0,80}+\})"
    r"{0,120}+)\}(?=[ \t]*+(?:\$|\\\]|\\\)|\n|$))"
    rf"|\\(?P<over>overset|underset|stackrel)[ \t]*+{_arg('over_arg')}[ \t]*+\{{(?P<rel>[^{{}}\n]{{0,20}}+)\}}"
    rf"|\\x(?P<arrow>{'|'.join(_X_ARROWS.split())})[ \t]*+(?:\[(?P<below>[^\[\]\n]{{0,60}}+)\])?+[ \t]*+{_arg('arrow_arg')}"
    r"|\\(?:mspace[ \t]*+\{[^{}\n]{0,20}+\}|(?P<skip>vspace\*?+[ \t]*+\{[^{}\n]{0,20}+\}|rule" + _OPT + r"?+[ \t]*+"
    r"\{[^{}\n]{0,30}+\}[ \t]*+\{[^{}\n]{0,30}+\}|par(?![A-Za-z])|(?:begin|end)[ \t]*+\{verse\}))"
    r"|\\\\[ \t]*+\[[ \t]*+[-+]?+[\d.]{1,8}+[ \t]*+[a-z]{2}[ \t]*+\]"
    rf"|\\begin[ \t]*+\{{empheq\}}{_OPT}?+[ \t]*+\{{[A-Za-z*]{{1,20}}+\}}|(?P<empheq_end>\\end[ \t]*+\{{empheq\}})"
)


#: the width of a character at the normal size, in points, at least
MIN_CHARACTER_POINTS = 5.0


def _annotation_words(arg: str) -> str:
    """The words of a TeX annotation as they show (``\\text{by (1)}`` is "by (1)")."""
    return re.sub(r"\\[A-Za-z]++\*?+|[{}$]", " ", arg).strip()


def _doubting_annotation(arg: str) -> bool:
    """An annotation (a tag, the text over a relation or an arrow) whose words doubt or offer an alternative."""
    from rlvr.verifiers.lexicon import DOUBT_WORDS, HEDGE_CUES

    shown = _annotation_words(arg).lower()
    words = set(re.findall(r"[a-z']++", shown))
    return "?" in shown or bool(
        words & (DOUBT_WORDS | HEDGE_CUES | {"or", "not", "maybe", "perhaps", "probably", "wrong", "unsure"})
    )


def _shown_tex(m: re.Match[str]) -> str:
    """What one TeX form of :data:`_SHOWN_TEX` shows."""
    tok = m.group(0)
    if tok.startswith("\\tag"):  # an equation number shows nothing to read; words show beside the equation
        if _EQUATION_NUMBER.fullmatch(m.group("tag")) is not None:
            return " "
        words = _annotation_words(m.group("tag"))
        return f" \\quad\\text{{{words if m.group('star') else '(' + words + ')'}}}"
    if m.group("frame"):  # a frame of another package, read as the box it draws
        return "\\fbox" if m.group("frame") != "Aboxed" else "\\boxed"
    if m.group("under"):
        return "\\underline"
    if m.group("font"):
        return "\\textrm"
    if m.group("sized"):  # a box of a given width: its text shows when it fits (else it overlaps its neighbours)
        width = _points(m.group("width"), m.group("unit"))
        if width is None or width < MIN_CHARACTER_POINTS * len(_annotation_words(m.group("boxed"))):
            return tok
        return ("\\fbox{" if m.group("sized") == "framebox" else "\\mbox{") + m.group("boxed") + "}"
    if m.group("lapped") is not None:  # drawn to the right at the end of its line or formula: over nothing
        return " " + m.group("lapped")
    if m.group("over"):  # the words over a relation are read: a doubting one keeps the construct (refused)
        return tok if _doubting_annotation(m.group("over_arg")) else f" {m.group('rel')} "
    if m.group("arrow"):
        if _doubting_annotation(m.group("arrow_arg") + " " + (m.group("below") or "")):
            return tok
        return "="
    if m.group("skip") or m.group("empheq_end"):
        return "\n" if not m.group("empheq_end") else " \\] "
    if tok.startswith("\\\\"):
        return "\\\\"
    if tok.startswith("\\begin"):
        return " \\[ "
    return " "


#: HTML elements whose tags show nothing and whose content shows as text: inline ones, and blocks (a line break)
_BLOCK_TEXT = frozenset("address hgroup".split())
_SHOWN_TAG = re.compile(
    r"(?i)<(/?+)(output|data|nobr|bdi|q|mn|mi|mo|mtext|mrow|mstyle|math|wbr|time|abbr|address|hgroup|svg|text)"
    r"((?:[ \t\n]++[^<>]{0,300}+)?+)>"
)
_DISPLAY_BLOCK = re.compile(r"""(?i)\bdisplay\s*+=\s*+["']?+block""")
#: a ``<bdo>`` drawn left to right: its text shows as written (any other direction reverses it)
_BDO_LTR = re.compile(r"""(?i)<bdo[ \t]++dir[ \t]*+=[ \t]*+["']?+ltr["']?+[ \t]*+>([^<>\n]{0,200}+)</bdo[ \t]*+>""")


def _shown_tag(m: re.Match[str], answer_tag: str) -> str:
    """What one tag of :data:`_SHOWN_TAG` shows: nothing, or a line break around a block; the grader's answer tag
    stays."""
    name = m.group(2).lower()
    if name == answer_tag:
        return m.group(0)
    block = name in _BLOCK_TEXT or name == "math" and _DISPLAY_BLOCK.search(m.group(3)) is not None
    return "\n" if block else ""


#: a Markdown setext heading: a line of text underlined by ``=`` or ``-`` (shown as a heading)
_SETEXT = re.compile(r"(?m)^([ \t]{0,3}+[^\s|#>*+\-=][^\n]{0,200}+)\n[ \t]{0,3}+(?:=++|-{2,}+)[ \t]*+$")
#: a one-column Markdown table: a header cell, its rule, and rows of one cell
_ONE_COLUMN = re.compile(
    r"(?m)^[ \t]{0,3}+\|([^|\n]{1,200}+)\|[ \t]*+\n[ \t]{0,3}+\|[ \t]*+:?+-{3,}+:?+[ \t]*+\|[ \t]*+\n"
    r"((?:[ \t]{0,3}+\|[^|\n]{0,200}+\|[ \t]*+(?:\n|$)){1,200}+)"
)
_FOOTNOTE_REF = re.compile(r"(?P<stop>[.,;!])?+\[\^([^\]\s]{1,40}+)\](?!:)")
_FOOTNOTE_DEF = re.compile(r"(?m)^[ \t]{0,3}+\[\^([^\]\s]{1,40}+)\]:[ \t]*+([^\n]{0,500}+)\n?+")
_REFERENCE_LINK = re.compile(r"\[([^\[\]\n]{1,200}+)\][ \t]?+\[([^\[\]\n]{0,40}+)\]")
#: a link reference definition (``[1]: https://…``): it defines a label and shows nothing
LINK_DEFINITION = re.compile(r"(?m)^[ \t]{0,3}+\[([^\[\]\n^]{1,40}+)\]:")
#: GitHub emoji shortcodes, as the pictograph they show (read like the pictograph: a closing remark or a doubt)
_SHORTCODES = {
    "white_check_mark": "\u2705", "heavy_check_mark": "\u2714\ufe0f", "ballot_box_with_check": "\u2611\ufe0f",
    "tada": "\U0001f389", "rocket": "\U0001f680", "sparkles": "\u2728", "star": "\u2b50", "100": "\U0001f4af",
    "trophy": "\U0001f3c6", "+1": "\U0001f44d", "thumbsup": "\U0001f44d", "clap": "\U0001f44f",
    "thinking": "\U0001f914", "shrug": "\U0001f937", "x": "\u274c", "question": "\u2753",
    "grey_question": "\u2754", "warning": "\u26a0\ufe0f", "confused": "\U0001f615", "-1": "\U0001f44e",
    "thumbsdown": "\U0001f44e", "sweat_smile": "\U0001f605", "wink": "\U0001f609", "smile": "\U0001f604",
}  # fmt: skip
_SHORTCODE = re.compile(r"(?<![\w:]):([a-z0-9_+\-]{1,30}+):(?![\w:])")


def _footnotes_in_place(text: str) -> str:
    """Footnotes read where their mark stands, as a remark in parentheses on what it follows, before the
    punctuation the mark follows (a note on the answer qualifies it); each definition is read once, at its first
    mark. A definition no mark refers to stays as written."""
    marked = {r.group(2) for r in _FOOTNOTE_REF.finditer(text)}
    notes: dict[str, str] = {}
    for d in _FOOTNOTE_DEF.finditer(text):
        if d.group(1) in marked:
            notes.setdefault(d.group(1), d.group(2).strip())
    text = _FOOTNOTE_DEF.sub(lambda d: "" if d.group(1) in notes else d.group(0), text)

    def note(m: re.Match[str]) -> str:
        body = notes.pop(m.group(2), None)
        return m.group(0) if body is None else f" ({body.rstrip('.')}){m.group('stop') or ''}"

    return _FOOTNOTE_REF.sub(note, text)


def _one_column(m: re.Match[str]) -> str:
    """A one-column table as it reads: its header a heading line, each row's cell a line."""
    rows = [r.strip().strip("|").strip() for r in m.group(2).splitlines()]
    return "## " + m.group(1).strip() + "\n\n" + "\n".join(r for r in rows if r) + "\n"


def _shown_markdown(text: str, defined: frozenset[str]) -> str:
    """Markdown forms as they show: a setext heading as a heading line, a one-column table as a heading and
    lines, a footnote mark as nothing and its definition as a note, a reference link whose label is defined
    (``defined``, case-folded) as its text, a known emoji shortcode as its pictograph."""
    if "\n" in text and ("--" in text or "==" in text):
        text = _SETEXT.sub(lambda m: "## " + m.group(1).strip(), text)
        if "|" in text:
            text = _ONE_COLUMN.sub(_one_column, text)
    if "[^" in text and _FOOTNOTE_DEF.search(text):
        text = _footnotes_in_place(text)
    if "][" in text and defined:
        text = _REFERENCE_LINK.sub(
            lambda m: m.group(1) if (m.group(2) or m.group(1)).strip().casefold() in defined else m.group(0), text
        )
    if text.count(":") > 1:
        text = _SHORTCODE.sub(lambda m: _SHORTCODES.get(m.group(1), m.group(0)), text)
    return text


def shown_markup(text: str, answer_tag: str = "answer", defined: frozenset[str] = frozenset()) -> str:
    """``text`` (what renders, after the reading) with known markup rewritten to what it shows (the module's
    last section; docs/verifiers.md, "What known markup shows"). ``defined``: the link labels the completion
    defines. One pass per notation: linear."""
    if "\\" in text:
        text = _SHOWN_TEX.sub(_shown_tex, text)
    if "<" in text:
        tag = answer_tag.lower()
        text = _SHOWN_TAG.sub(lambda m: _shown_tag(m, tag), text)
        if "<bdo" in text.lower():
            text = _BDO_LTR.sub(r"\1", text)
    return _shown_markdown(text, defined)


def without_faded(text: str, code: list[tuple[int, int]], source: str) -> str:
    """``text`` without the content of nested elements whose opacities multiply to a certainly invisible one
    (:func:`rlvr.verifiers.render_nesting.faded_cuts`); unchanged where a style sheet of the completion
    (``source``) could restyle them. ``code``: the spans that show literally. Linear."""
    if _SHEET_OR_LINK.search(source) is not None:
        return text
    cuts = faded_cuts(text, lambda i: _code_end(code, i), _element_end)
    if not cuts:
        return text
    out: list[str] = []
    pos = 0
    for a, b in cuts:
        out.append(text[pos:a] + " ")
        pos = b
    return "".join(out) + text[pos:]
