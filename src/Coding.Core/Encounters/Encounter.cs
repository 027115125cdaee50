namespace Coding.Core.Encounters;

/// <summary>A finished encounter awaiting (or done with) coding. Holds no note text: see <see cref="Notes.Note"/>.</summary>
public class Encounter
{
    public Guid Id { get; set; }

    /// <summary>The id the source system (EHR, file) uses; unique per site.</summary>
    public required string ExternalId { get; set; }

    public CareSetting Setting { get; set; }
    public DateOnly DateOfService { get; set; }

    /// <summary>Age in whole years on the date of service, when known (age edits need it).</summary>
    public int? PatientAgeYears { get; set; }

    public PatientSex PatientSex { get; set; }
    public EncounterStatus Status { get; set; }

    /// <summary>Machine-readable reason when <see cref="Status"/> is Failed. Never contains note text.</summary>
    public string? FailureReason { get; set; }

    public DateTimeOffset ReceivedAt { get; set; }
    public DateTimeOffset? CodedAt { get; set; }

    /// <summary>When a coder finalized the codes (status <see cref="EncounterStatus.Finalized"/>), and who.</summary>
    public DateTimeOffset? FinalizedAt { get; set; }

    public string? FinalizedBy { get; set; }

    /// <summary>Why a coder parked the encounter (a <see cref="Reviewing.HoldRules"/> code) while it is <see cref="EncounterStatus.Held"/>.</summary>
    public string? HoldReason { get; set; }

    /// <summary>The coder's own words for an "other" hold. Stored for the coder, never written to logs or the audit trail.</summary>
    public string? HoldNote { get; set; }

    public DateTimeOffset? HeldAt { get; set; }
    public string? HeldBy { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>MRN and account number, sealed together by <see cref="Notes.NoteProtector.SealIdentifiers"/>; null when none was sent.</summary>
    public byte[]? IdentifiersCiphertext { get; set; }

    public string? IdentifiersKeyId { get; set; }

    public string? Payer { get; set; }
    public DateTimeOffset? AdmittedAt { get; set; }
    public DateTimeOffset? DischargedAt { get; set; }

    /// <summary>The attending clinician's name as the source system gives it (a provider, not the patient).</summary>
    public string? Attending { get; set; }

    /// <summary>A <see cref="DischargeDispositions"/> code.</summary>
    public string? DischargeDisposition { get; set; }
}

public enum CareSetting
{
    Outpatient,
    Inpatient,
    Emergency,
    Observation,
    Professional,
}

public enum PatientSex
{
    Unknown,
    Female,
    Male,
}

public enum EncounterStatus
{
    /// <summary>Stored; an EncounterFinished message is in the outbox or on the queue.</summary>
    Received,

    /// <summary>A suggestion set exists and waits for a coder.</summary>
    Coded,

    /// <summary>Coding failed for a reason retrying cannot fix; see FailureReason and the _error queue.</summary>
    Failed,

    /// <summary>A coder decided every suggestion and finalized the codes; they can be exported.</summary>
    Finalized,

    /// <summary>Coded, but parked by a coder until something arrives (documentation, a query answer, results); out of the work queue.</summary>
    Held,
}
