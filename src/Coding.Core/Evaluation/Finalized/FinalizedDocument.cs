using Coding.Core.Encounters;
using Coding.Core.Engine.Priors;
using Coding.Core.Suggestions;

namespace Coding.Core.Evaluation.Finalized;

/// <summary>
/// One finalized encounter as a gold document: its note and the ICD-10-CM codes the coder kept, in claim order.
/// <see cref="Text"/> is decrypted note text (PHI): <see cref="ToString"/> leaves it out, so a document logged by
/// mistake shows ids and counts only.
/// </summary>
public sealed record FinalizedDocument(
    Guid EncounterId,
    string ExternalId,
    CareSetting Setting,
    DateOnly DateOfService,
    int? PatientAgeYears,
    PatientSex PatientSex,
    DateTimeOffset FinalizedAt,
    string Text,
    IReadOnlyList<FinalizedCode> Codes,
    DecisionCounts Decisions)
{
    /// <summary>
    /// The learner's view: gold as comparison keys, evidence ranges per key. The id is the encounter's internal id, not
    /// the source system's: the learner's report may print it, and an EHR encounter number identifies a patient's visit.
    /// </summary>
    public TrainingDocument ToTrainingDocument() =>
        PriorLearner.Document(EncounterId.ToString(), Text, Codes.Select(c => (c.Code, c.Evidence)), Setting);

    public override string ToString() =>
        $"{nameof(FinalizedDocument)} {{ EncounterId = {EncounterId}, Setting = {Setting}, Codes = {Codes.Count}, {Decisions} }}";
}

/// <summary>A code the coder kept on the claim.</summary>
/// <param name="Code">As the codebook displays it ("E11.65").</param>
/// <param name="Role">Principal (inpatient) or first-listed (other settings) for the first code by rank, secondary after.</param>
/// <param name="Decision">How it came to be kept: <see cref="ReviewAction.Accept"/> (the engine's suggestion),
/// <see cref="ReviewAction.Modify"/> (the replacement of a modified suggestion) or <see cref="ReviewAction.Add"/>.</param>
/// <param name="Replaced">For a replacement: the code the engine (or an earlier replacement) had suggested.</param>
/// <param name="Evidence">The note ranges supporting it; a replacement keeps the spans of the suggestion it replaced.</param>
public sealed record FinalizedCode(
    string Code, DiagnosisRole Role, ReviewAction Decision, string? Replaced, IReadOnlyList<GoldSpan> Evidence);

/// <summary>
/// The coder's decisions on an encounter's ICD-10-CM codes, each suggestion counted once by where it ended, as the
/// dashboard counts each suggestion's latest decision: a suggestion accepted, rejected or modified; a code the coder
/// added (and kept). A replacement is counted as its modification, not again as an addition; a coder's code that was
/// later rejected or replaced counts as that.
/// </summary>
public readonly record struct DecisionCounts(int Accepted, int Rejected, int Modified, int Added)
{
    public static DecisionCounts operator +(DecisionCounts a, DecisionCounts b) =>
        new(a.Accepted + b.Accepted, a.Rejected + b.Rejected, a.Modified + b.Modified, a.Added + b.Added);
}
