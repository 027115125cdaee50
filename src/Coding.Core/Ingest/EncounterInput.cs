namespace Coding.Core.Ingest;

/// <summary>One encounter as a source system sends it (a JSONL line or an HTTP body). Everything optional here; <see cref="EncounterValidator"/> decides.</summary>
public sealed record EncounterInput(
    string? ExternalId,
    string? Setting,
    string? DateOfService,
    int? PatientAge,
    string? PatientSex,
    string? Note,
    string? Mrn = null,
    string? AccountNumber = null,
    string? Payer = null,
    string? AdmitAt = null,
    string? DischargeAt = null,
    string? Attending = null,
    string? DischargeDisposition = null);

/// <summary>An input that passed validation, with its fields parsed.</summary>
public sealed record ValidEncounter(
    string ExternalId,
    Encounters.CareSetting Setting,
    DateOnly DateOfService,
    int? PatientAgeYears,
    Encounters.PatientSex PatientSex,
    string Note,
    Encounters.EncounterContext? Context = null);

/// <summary>Why an input was refused. <see cref="Reason"/> never quotes the note.</summary>
public sealed record IngestError(int Line, string? ExternalId, string Reason);
