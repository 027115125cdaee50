using Coding.Core.Codebooks;
using Coding.Core.Engine;
using Coding.Core.Engine.Candidates;
using Coding.Core.Engine.Preparation;

namespace Coding.UnitTests.Engine;

public class when_evidence_is_shown_for_a_suggestion
{
    private const string Text = "Essential hypertension and diabetes mellitus.";

    private static CandidateMention Mention(string words, bool learned)
    {
        var start = Text.IndexOf(words, StringComparison.Ordinal);
        return new CandidateMention(new TermMatch(0, 0, start, start + words.Length, [0]), "I10|x", TermKind.Index, SectionKind.Unknown, AssertionStatus.Present, learned);
    }

    private static string[] Shown(params CandidateMention[] mentions)
    {
        var candidate = new Candidate("I10", "I10", "Essential (primary) hypertension");
        candidate.Mentions.AddRange(mentions);
        return DeterministicEngine.Evidence(candidate).Select(s => Text[s.Start..s.End]).ToArray();
    }

    [Fact]
    public void a_learned_phrase_is_not_shown_beside_the_codebooks_own_words()
    {
        Assert.Equal(["Essential hypertension"], Shown(Mention("Essential hypertension", false), Mention("diabetes mellitus", true)));
    }

    [Fact]
    public void a_learned_phrase_is_shown_when_it_is_all_there_is()
    {
        Assert.Equal(["diabetes mellitus"], Shown(Mention("diabetes mellitus", true)));
    }

    [Fact]
    public void a_span_inside_another_of_the_same_code_is_shown_once_as_the_outer_one()
    {
        Assert.Equal(["Essential hypertension"], Shown(Mention("Essential hypertension", false), Mention("hypertension", false)));
    }
}
