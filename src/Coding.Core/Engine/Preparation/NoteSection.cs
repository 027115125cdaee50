namespace Coding.Core.Engine.Preparation;

/// <summary>
/// A part of the note under one header: [Start, End) covers the header and its body; [Start, BodyStart) is the header
/// as written (with its colon and any Markdown markup), <see cref="Label"/> its words ("PAST MEDICAL HISTORY").
/// Text before the first header is a section of kind <see cref="SectionKind.Unknown"/> with an empty label.
/// </summary>
public sealed record NoteSection(SectionKind Kind, string Label, int Start, int BodyStart, int End)
{
    public bool Contains(int offset) => offset >= Start && offset < End;
}

public enum SectionKind
{
    Unknown,
    ChiefComplaint,
    HistoryOfPresentIllness,
    PastMedicalHistory,
    PastSurgicalHistory,
    FamilyHistory,
    SocialHistory,
    ReviewOfSystems,
    Medications,
    Allergies,
    PhysicalExam,

    /// <summary>Laboratory, imaging and other results.</summary>
    Results,

    /// <summary>Assessment, impression, and combined assessment-and-plan sections.</summary>
    Assessment,
    Plan,

    /// <summary>Diagnosis lists: discharge, final, admitting, principal, pre/postoperative diagnoses.</summary>
    Diagnoses,

    /// <summary>Everything listed here is, by definition, not yet established.</summary>
    DifferentialDiagnosis,
    ProblemList,
    Procedures,
    HospitalCourse,
}
