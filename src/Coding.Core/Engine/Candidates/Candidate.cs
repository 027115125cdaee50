using Coding.Core.Codebooks;
using Coding.Core.Engine.Preparation;

namespace Coding.Core.Engine.Candidates;

/// <summary>One mention supporting a candidate: the matched term, where, and what the note says about it.</summary>
/// <param name="Learned">The term was learned from training notes, not written in the codebook.</param>
/// <param name="Dense">Found by meaning (pgvector), not by the term's words: the match is the phrase searched, the term the nearest text.</param>
public sealed record CandidateMention(TermMatch Match, string TermKey, TermKind Kind, SectionKind Section, AssertionStatus Status, bool Learned, Dense.DenseSupport? Dense = null);

/// <summary>
/// A billable code the note may support, with every mention that leads to it (duplicates already merged: one
/// candidate per code). <see cref="MatchedCode"/> is the code the term named, which differs from <see cref="Code"/>
/// when the term led to a header and the validator chose a billable child.
/// </summary>
public sealed class Candidate(string code, string matchedCode, string title)
{
    public string Code { get; } = code;
    public string MatchedCode { get; } = matchedCode;
    public string Title { get; } = title;
    public bool FromHeader => Code != MatchedCode;
    public List<CandidateMention> Mentions { get; } = [];

    /// <summary>How many distinct codes the best mention's exact tokens also lead to (1 = unambiguous).</summary>
    public int Ambiguity { get; set; } = 1;

    /// <summary>Added as a billable sibling of a matched code (same category), not named by a term of its own.</summary>
    public bool Expanded { get; init; }

    /// <summary>Share of the code title's keys found in the sentences of its mentions (1 = every title word is there).</summary>
    public double TitleCoverage { get; set; }

    /// <summary>+1 the title's side (right, left, bilateral) is the one the sentences name, −1 another, 0 no side on either.</summary>
    public int SideAgreement { get; set; }

    /// <summary>The note also negates a mention of this code ("no fever" beside "fever").</summary>
    public bool AlsoNegated { get; set; }

    /// <summary>A mention's sentence states a diagnosis ("diagnosed with", "compatible with", "confirmed").</summary>
    public bool DiagnosticCue { get; set; }

    /// <summary>Principal / first-listed for one suggested diagnosis of a run (<see cref="Claims.Sequencing"/>), else secondary.</summary>
    public Suggestions.DiagnosisRole Role { get; set; }

    /// <summary>Present-on-admission indicator (inpatient only), set by <see cref="Claims.Sequencing"/>.</summary>
    public Suggestions.PresentOnAdmission? Poa { get; set; }

    /// <summary>Probability that the code is right, set by the ranker.</summary>
    public double Confidence { get; set; }

    public double Score { get; set; }

    /// <summary>
    /// The same reading as another code of its category (the documented side, stage or 7th character): every feature,
    /// score and mention carried over, so the ranker's and the rules' view of the words does not change with the code.
    /// </summary>
    public Candidate As(string otherCode, string otherTitle)
    {
        var copy = new Candidate(otherCode, MatchedCode, otherTitle)
        {
            Expanded = Expanded, Ambiguity = Ambiguity, TitleCoverage = TitleCoverage, SideAgreement = SideAgreement, AlsoNegated = AlsoNegated,
            DiagnosticCue = DiagnosticCue, Confidence = Confidence, Score = Score,
        };
        copy.Mentions.AddRange(Mentions);
        return copy;
    }
}

/// <summary>A mention that cannot yield a code (negated, family, hypothetical, historical, or uncertain outside inpatient).</summary>
public sealed record ExcludedMention(string Code, TermMatch Match, AssertionStatus Status);
