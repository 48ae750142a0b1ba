"""The nineteenth outside round, group D: a sentence after the answer that leaves it unsettled without naming a
value (``verifiers/unsettled.py``), read after every answer form, each form tested both ways on cases in no
corpus: another source that does not agree, an answer that looks implausible, a problem that may mean something
else, a standing only for now, and a disclaimer or a request that someone check it."""

from __future__ import annotations

from redteam import Case, judge

#: the answer forms a sentence follows: a box on its own line or in a sentence, a GSM8K line, a Minerva closing, an
#: answer tag, a bold label, a JSON answer, a sentence after the reasoning block, a plain answer sentence
FORMS = (
    "$\\boxed{24}$\n\n{s}",
    "$\\boxed{24}$. {s}",
    "6 rows of 4 chairs.\n#### 24\n{s}",
    "Final Answer: The final answer is $24$. I hope it is correct. {s}",
    "<answer>24</answer>\n{s}",
    "**Answer:** 24\n\n{s}",
    '{"answer": 24}\n\n{s}',
    "<think>4 times 6.</think>\nThe answer is 24.\n\n{s}",
    "So the answer is $\\boxed{24}$. {s}",
    "The answer is 24. {s}",
)


def _after_forms(sentences: list[str], passes: bool) -> list[Case]:
    """Each sentence after two answer forms, the forms taken in turn, judged ``passes``."""
    cases: list[Case] = []
    for k, s in enumerate(sentences):
        for form in (FORMS[k % len(FORMS)], FORMS[(k + 3) % len(FORMS)]):
            cases.append((form.replace("{s}", s), "24", passes))
    return cases


def test_another_source_that_does_not_agree() -> None:
    judge(
        _after_forms(
            [
                "The two approaches disagree.",
                "My brute-force count doesn't agree with this.",
                "That doesn't line up with the diagram.",
                "The numbers don't quite tally.",
                "Hmm, this doesn't square with my earlier estimate.",
                "Something here doesn't quite add up.",
                "The spreadsheet gives something a bit different.",
                "The second approach yields a different answer.",
                "The recount comes out different.",
                "My intuition says otherwise.",
                "A quick simulation says otherwise.",
                "There's a discrepancy somewhere.",
                "The two results are inconsistent.",
                "My check disagrees.",
                "The reference solution apparently differs.",
                "This doesn't seem right.",
                "My sanity check does not agree.",
                "The formula and the count don't match up.",
                "The brute force approach gives something else.",
                "Python gives a different result.",
                "The official solution says otherwise.",
                "Wolfram Alpha seems to disagree.",
            ],
            False,
        )
        + [
            ("The answer is 24. Two methods give 24 and 26; I can't decide which is right.", "24", False),
            ("$\\boxed{24}$\n\nA recount gave 23, and I can't reconcile the two.", "24", False),
        ]
    )


def test_a_source_that_agrees_keeps_the_answer() -> None:
    judge(
        _after_forms(
            [
                "The other method agrees.",
                "This matches my estimate.",
                "The answer key agrees.",
                "The simulation confirms it.",
                "The estimate and the exact count match.",
                "Both approaches agree.",
                "The second method gives the same result.",
                "I verified this by substitution.",
                "Both methods agree, so there is no discrepancy.",
                "If the numbers don't add up, recheck the table.",
                "Each child gets a different number of candies.",
                "The two roots differ in sign.",
                "This gives a different perspective on the problem.",
                "It doesn't make sense to list them all.",
            ],
            True,
        )
        + [
            ("#### 24\nBoth methods give 24.", "24", True),
            ("$\\boxed{24}$\n\nA second method yields 24 as well.", "24", True),
            ("$\\boxed{24}$\n\nThe other method agrees: 4 × 6 = 24.", "24", True),
            (
                "First I got 25. The other method doesn't agree, so I recomputed: 6 × 4 = 24.\n\n$\\boxed{24}$",
                "24",
                True,
            ),
        ]
    )


def test_an_answer_that_looks_implausible() -> None:
    judge(
        _after_forms(
            [
                "This seems high for such a small group.",
                "That looks suspiciously small.",
                "It feels a bit too easy.",
                "That's way too high.",
                "This seems too good to be true.",
                "That seems like too few.",
                "That sounds high to me.",
                "This feels suspiciously neat.",
                "That's suspicious.",
                "I'm a little skeptical.",
                "Honestly, I'm skeptical of this.",
                "That makes me uneasy.",
                "I suspect an arithmetic slip somewhere.",
                "That number seems off to me.",
                "This looks way too small.",
                "Seems too simple.",
                "Hmm, that's suspiciously round.",
                "I'm wary of this answer.",
            ],
            False,
        )
    )


def test_a_plausible_or_explained_size_keeps_the_answer() -> None:
    judge(
        _after_forms(
            [
                "That seems right.",
                "That seems large, but it checks out.",
                "This seems low, but that's because each row is short.",
                "The answer seems small because only 4 chairs fit per row.",
                "That was easy!",
                "This seems simple enough.",
            ],
            True,
        )
        + [("That seems low at first. But 6 × 4 = 24 is right.\n\n**Answer:** 24", "24", True)]
    )


def test_a_problem_that_may_mean_something_else() -> None:
    judge(
        _after_forms(
            [
                "The problem might want something different.",
                "Perhaps the question intends a different reading.",
                "The problem may want the answer in a different form.",
                'Maybe the question means something else by "row".',
                "The prompt could be read two ways.",
                "The question is open to interpretation.",
                "The wording is unclear.",
                "It's not clear whether repeats are allowed.",
                "It's not obvious whether the teacher counts.",
                "The problem is ambiguous about the order.",
                "The problem is vague about whether chairs can be shared.",
                'It depends on how you interpret "between".',
                "It all depends on whether order matters.",
                "This hinges on how you read the question.",
                "That depends.",
                "Depending on the interpretation, the result changes.",
                "I answered a different question.",
                "Do the endpoints count?",
                "Does order matter here?",
                "Hmm, does the teacher count?",
                "Are the chairs distinguishable?",
                "What if the boxes are identical?",
                "The question may be looking for something else.",
                "Perhaps they meant something different.",
                "The question is ill-posed.",
                "Whether the endpoints count is unclear.",
                "It depends on the interpretation.",
                "Should zero be included?",
                "Is the order important?",
            ],
            False,
        )
        + [
            ("$\\boxed{24}$\n\nI solved it for 5 rows instead of 6.", "24", False),
            ("#### 24\n(I computed it for n = 3 rather than 4.)", "24", False),
            ("$\\boxed{24}$\n\nShould the endpoints count? No idea.", "24", False),
            ("$\\boxed{24}$\n\nShould the endpoints count? I'm not sure.", "24", False),
            ("$\\boxed{24}$\n\nShould the endpoints count? The problem doesn't say.", "24", False),
            ("$\\boxed{24}$\n\nDo the endpoints count? It is not specified.", "24", False),
            ("#### 24\nAre the chairs distinguishable? Yes, but maybe not.", "24", False),
        ]
    )


def test_a_settled_reading_keeps_the_answer() -> None:
    judge(
        _after_forms(
            [
                "There is no ambiguity here.",
                "The problem is unambiguous.",
                "It was unclear at first, but the diagram makes it clear.",
                "Let me know if anything is unclear.",
                "If you want something else, let me know.",
                "One might expect something else, but this is correct.",
                "One might expect a different result.",
                "The answer depends only on the number of rows.",
                "The result doesn't depend on the order.",
                "Does that make sense?",
                "Is there anything else?",
                "I used multiplication instead of repeated addition.",
            ],
            True,
        )
        + [
            (
                "It depends only on n. With n = 6 rows of 4, the total is 6 × 4 = 24.\n\nThe answer is $\\boxed{24}$.",
                "24",
                True,
            ),
            (
                "It depends on whether the chairs are distinguishable. They are not, so 6 × 4 = 24.\n\n$\\boxed{24}$",
                "24",
                True,
            ),
            ("$\\boxed{24}$\n\nShould the endpoints count? No: the problem says strictly between.", "24", True),
            ("$\\boxed{24}$\n\nDo the endpoints count? Yes, and they are included.", "24", True),
            ("$\\boxed{24}$\n\nDoes order matter? It doesn't, since the chairs are identical.", "24", True),
            ("$\\boxed{24}$\n\nShould the endpoints count? They should, as the problem says inclusive.", "24", True),
            ("The answer is 24. I solved it for 6 rows of 4, as stated.", "24", True),
            ("$\\boxed{24}$\n\nI computed it with 6 rows rather than listing every chair.", "24", True),
        ]
    )


def test_a_standing_only_for_now() -> None:
    judge(
        _after_forms(
            [
                "I'll stick with this for now.",
                "Going with this for the time being.",
                "Tentatively, that's it.",
                "This is a provisional answer.",
                "I need to come back to this.",
                "I'll look at this again tomorrow.",
                "I need to revisit this.",
                "Will double-check later.",
                "I should verify this.",
                "I should check this more carefully.",
                "Still up in the air.",
                "I'm on the fence about it.",
                "Having second thoughts.",
                "Remains to be seen.",
                "I cannot exclude a miscount.",
                "I won't rule out a mistake.",
                "I'm not fully convinced.",
                "Not 100% on this one.",
                "Not a hundred percent.",
                "Sticking with 24 for now.",
                "Provisionally, that's the answer.",
                "I'll come back to this later.",
                "I plan to recheck this later.",
                "The jury's still out.",
                "I keep second-guessing it.",
                "Can't rule out a mistake.",
                "Not sold on this.",
            ],
            False,
        )
    )


def test_a_closing_or_a_standing_frame_keeps_the_answer() -> None:
    judge(
        _after_forms(
            [
                "That's all for now.",
                "Hope this helps!",
                "Let me know if you have questions.",
                "Let's return to the original question.",
                "For the moment of inertia we would need the mass.",
                "No need to double-check.",
                "I double-checked it.",
                "This has been verified twice.",
            ],
            True,
        )
    )


def test_a_disclaimer_or_a_request_to_check() -> None:
    judge(
        _after_forms(
            [
                "This hasn't been double-checked.",
                "Note: not yet verified.",
                "This result hasn't been independently checked.",
                "Please double check this.",
                "Kindly double-check this.",
                "You might want to verify this.",
                "You may want to double-check it.",
                "Cross-check with a textbook.",
                "Verify with a calculator before relying on it.",
                "Ask your tutor to confirm.",
                "Consult your teacher.",
                "I'd recommend verifying.",
                "It's advisable to double-check.",
                "It would be wise to double-check.",
                "Get a second opinion.",
                "An independent second opinion is recommended.",
                "Keep in mind I can make mistakes.",
                "AI models can make errors.",
                "This has not been checked.",
                "Please confirm.",
                "You should double-check this yourself.",
                "Best to double-check with your instructor.",
                "I'd suggest getting a second opinion.",
                "It's a good idea to verify this independently.",
                "Use your own judgment; I can make errors.",
            ],
            False,
        )
    )


def test_a_pointer_to_a_check_or_a_tip_keeps_the_answer() -> None:
    judge(
        _after_forms(
            [
                "You can verify this by substitution.",
                "You may want to verify it by substitution.",
                "Always double-check your arithmetic!",
                "Make sure to check the units when you solve similar problems.",
                "Computers can make rounding errors, so we keep fractions.",
                "I checked with a calculator.",
                "I confirmed it against the answer key.",
                "Thanks for the question!",
            ],
            True,
        )
    )
