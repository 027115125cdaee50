using System.Globalization;
using System.Text;
using Coding.Core.Encounters;
using Coding.Core.Ingest;
using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;
using Hl7.Fhir.Utility;

namespace Coding.Core.Fhir;

/// <summary>Why a Bundle was refused: where (a FHIRPath-like location) and what rule, never a value from the Bundle.</summary>
public sealed record FhirIssue(string Expression, string Reason);

/// <summary>
/// A FHIR R4 Bundle (transaction or collection) as one encounter in the ingest format: Patient, Encounter and the note
/// as a text/plain attachment of a DocumentReference (or of a Binary a Composition's section points to), plus an
/// optional Coverage for the payer. Parsing is Firely's; what it maps goes on to the same <see cref="EncounterValidator"/>
/// as JSONL and HTTP ingest. Refusals name the element and the rule, never its content: a Bundle is full of PHI.
/// </summary>
public static class FhirBundleReader
{
    private const string V2IdentifierType = "http://terminology.hl7.org/CodeSystem/v2-0203";
    private const string ParticipationType = "http://terminology.hl7.org/CodeSystem/v3-ParticipationType";
    private static readonly UTF8Encoding StrictUtf8 = new(false, throwOnInvalidBytes: true);
    private static readonly FhirJsonDeserializer Deserializer = new();

    /// <summary>Encounter.class codes (v3 ActCode) and the care setting each one is coded as.</summary>
    public static readonly IReadOnlyDictionary<string, CareSetting> Settings = new Dictionary<string, CareSetting>(StringComparer.Ordinal)
    {
        ["IMP"] = CareSetting.Inpatient,
        ["ACUTE"] = CareSetting.Inpatient,
        ["NONAC"] = CareSetting.Inpatient,
        ["AMB"] = CareSetting.Outpatient,
        ["EMER"] = CareSetting.Emergency,
        ["OBSENC"] = CareSetting.Observation,
    };

    public static (EncounterInput? Input, IReadOnlyList<FhirIssue> Issues) Read(string json)
    {
        Resource? resource;
        IEnumerable<CodedException> problems;
        try
        {
            if (Deserializer.TryDeserializeResource(json, out resource, out problems))
                problems = [];
        }
        catch (System.Text.Json.JsonException e)
        {
            // Its message can quote the offending token: report where, never what.
            return (null, [new FhirIssue("Bundle", $"not valid FHIR R4 JSON (malformed JSON at line {e.LineNumber + 1}, byte {e.BytePositionInLine})")]);
        }
        if (problems.Any())
        {
            // The SDK's messages can quote the offending value; its code and location cannot.
            return (null, problems.Select(p => new FhirIssue(
                p is ExtendedCodedException { InstancePath: { Length: > 0 } path } ? path : "Bundle",
                $"not valid FHIR R4 JSON ({p.ErrorCode})")).Distinct().Take(20).ToList());
        }
        if (resource is not Bundle bundle)
            return (null, [new FhirIssue(resource?.TypeName ?? "(resource)", "POST /fhir/Bundle takes a Bundle")]);
        if (bundle.Type is not (Bundle.BundleType.Transaction or Bundle.BundleType.Collection))
            return (null, [new FhirIssue("Bundle.type", "must be transaction or collection")]);

        var issues = new List<FhirIssue>();
        var entries = bundle.Entry.Where(e => e.Resource is not null).ToList();
        var patient = One<Patient>(entries, issues);
        var encounter = One<Hl7.Fhir.Model.Encounter>(entries, issues);
        var note = NoteOf(entries, issues);
        if (issues.Count > 0 || patient is null || encounter is null || note is null)
            return (null, issues);

        var setting = encounter.Class?.Code is { } cls && Settings.TryGetValue(cls, out var s) ? s : (CareSetting?)null;
        if (setting is null)
            issues.Add(new FhirIssue("Encounter.class", $"must be one of {string.Join(", ", Settings.Keys)} (v3 ActCode)"));
        var start = encounter.Period?.StartElement?.ToDateTimeOffset(TimeSpan.Zero);
        var end = encounter.Period?.EndElement?.ToDateTimeOffset(TimeSpan.Zero);
        if (encounter.Period?.Start is not { Length: > 0 })
            issues.Add(new FhirIssue("Encounter.period.start", "is required (the admission or visit date-time)"));
        var externalId = encounter.Identifier.FirstOrDefault(i => !HasType(i, "AN"))?.Value;
        if (externalId is null)
            issues.Add(new FhirIssue("Encounter.identifier", "is required (the source system's encounter id)"));
        if (issues.Count > 0)
            return (null, issues);

        // Inpatient codes follow the release in force at discharge; a visit is dated by its start.
        var serviceAt = setting is CareSetting.Inpatient or CareSetting.Observation && end is not null ? end.Value : start!.Value;
        var dateOfService = DayOf(encounter.Period!.End is { Length: > 0 } && serviceAt == end ? encounter.Period.End : encounter.Period.Start!);
        return (new EncounterInput(
            externalId,
            setting!.Value.ToString(),
            dateOfService,
            AgeOn(patient.BirthDate, dateOfService),
            patient.Gender switch { AdministrativeGender.Female => "F", AdministrativeGender.Male => "M", _ => null },
            note,
            Mrn: patient.Identifier.FirstOrDefault(i => HasType(i, "MR"))?.Value,
            AccountNumber: encounter.Identifier.FirstOrDefault(i => HasType(i, "AN"))?.Value,
            Payer: entries.Select(e => e.Resource).OfType<Coverage>().SelectMany(c => c.Payor).Select(p => p.Display).FirstOrDefault(d => d is not null),
            AdmitAt: encounter.Period.Start,
            DischargeAt: encounter.Period.End,
            Attending: encounter.Participant
                .FirstOrDefault(p => p.Type.Any(t => t.Coding.Any(c => c.System == ParticipationType && c.Code == "ATND")))?.Individual?.Display,
            DischargeDisposition: encounter.Hospitalization?.DischargeDisposition?.Coding
                .FirstOrDefault(c => c.System == DischargeDispositions.System)?.Code), []);
    }

    /// <summary>Where each ingest field comes from in a Bundle, so a validator reason can point at the element.</summary>
    public static readonly IReadOnlyDictionary<string, string> FieldPaths = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["externalId"] = "Encounter.identifier",
        ["setting"] = "Encounter.class",
        ["dateOfService"] = "Encounter.period",
        ["patientAge"] = "Patient.birthDate",
        ["patientSex"] = "Patient.gender",
        ["note"] = "DocumentReference.content.attachment.data",
        ["mrn"] = "Patient.identifier",
        ["accountNumber"] = "Encounter.identifier",
        ["payer"] = "Coverage.payor.display",
        ["admitAt"] = "Encounter.period.start",
        ["dischargeAt"] = "Encounter.period.end",
        ["attending"] = "Encounter.participant.individual.display",
        ["dischargeDisposition"] = "Encounter.hospitalization.dischargeDisposition",
    };

    /// <summary>The element a validator reason is about (its first word names the ingest field).</summary>
    public static string PathOf(string reason) => FieldPaths.GetValueOrDefault(reason.Split(' ', 2)[0], "Bundle");

    private static T? One<T>(List<Bundle.EntryComponent> entries, List<FhirIssue> issues) where T : Resource
    {
        var found = entries.Select(e => e.Resource).OfType<T>().ToList();
        var name = ModelInfoName<T>();
        if (found.Count != 1)
            issues.Add(new FhirIssue($"Bundle.entry.resource.ofType({name})", found.Count == 0 ? $"a {name} is required" : $"exactly one {name} is allowed"));
        return found.Count == 1 ? found[0] : null;
    }

    private static string ModelInfoName<T>() => typeof(T).Name;

    /// <summary>The note: a DocumentReference's attachment, else the Binary a Composition's section entry points to.</summary>
    private static string? NoteOf(List<Bundle.EntryComponent> entries, List<FhirIssue> issues)
    {
        var documents = entries.Select(e => e.Resource).OfType<DocumentReference>().ToList();
        if (documents.Count > 1)
        {
            issues.Add(new FhirIssue("Bundle.entry.resource.ofType(DocumentReference)", "exactly one DocumentReference is allowed (one note per encounter)"));
            return null;
        }
        if (documents.Count == 1)
        {
            var attachments = documents[0].Content.Select(c => c.Attachment).Where(a => a is not null).ToList();
            if (attachments.Count != 1)
            {
                issues.Add(new FhirIssue("DocumentReference.content", "must hold exactly one attachment"));
                return null;
            }
            return TextOf(attachments[0], "DocumentReference.content.attachment", issues);
        }
        var composition = entries.Select(e => e.Resource).OfType<Composition>().FirstOrDefault();
        if (composition is null)
        {
            issues.Add(new FhirIssue("Bundle.entry", "the note is required: a DocumentReference, or a Composition whose section points to a Binary"));
            return null;
        }
        var references = composition.Section.SelectMany(s => s.Entry).Select(r => r.Reference).Where(r => r is not null).ToList();
        var binaries = references.Select(r => Resolve(entries, r!)).OfType<Binary>().ToList();
        if (binaries.Count != 1)
        {
            issues.Add(new FhirIssue("Composition.section.entry", "must point to exactly one Binary in the Bundle holding the note"));
            return null;
        }
        return TextOf(new Attachment { ContentType = binaries[0].ContentType, Data = binaries[0].Data }, "Binary", issues);
    }

    private static Resource? Resolve(List<Bundle.EntryComponent> entries, string reference) =>
        entries.FirstOrDefault(e => e.FullUrl == reference)?.Resource
        ?? entries.Select(e => e.Resource).FirstOrDefault(r => r is not null && $"{r.TypeName}/{r.Id}" == reference);

    private static string? TextOf(Attachment attachment, string path, List<FhirIssue> issues)
    {
        var type = attachment.ContentType?.Split(';').Select(p => p.Trim()).ToList() ?? [];
        if (type.Count == 0 || !string.Equals(type[0], "text/plain", StringComparison.OrdinalIgnoreCase))
        {
            issues.Add(new FhirIssue(path + ".contentType", "must be text/plain"));
            return null;
        }
        var charset = type.Skip(1).FirstOrDefault(p => p.StartsWith("charset=", StringComparison.OrdinalIgnoreCase))?["charset=".Length..].Trim('"');
        if (charset is not null && !string.Equals(charset, "utf-8", StringComparison.OrdinalIgnoreCase))
        {
            issues.Add(new FhirIssue(path + ".contentType", "charset must be utf-8"));
            return null;
        }
        if (attachment.Data is not { } bytes)
        {
            issues.Add(new FhirIssue(path + ".data", "is required: the note travels inline, base64-encoded (a url is not fetched)"));
            return null;
        }
        try
        {
            var text = StrictUtf8.GetString(bytes);
            return text.StartsWith('\uFEFF') ? text[1..] : text;
        }
        catch (DecoderFallbackException e)
        {
            issues.Add(new FhirIssue(path + ".data", $"is not valid UTF-8 (bad byte at offset {e.Index})"));
            return null;
        }
    }

    private static bool HasType(Identifier identifier, string code) =>
        identifier.Type?.Coding.Any(c => c.System == V2IdentifierType && c.Code == code) == true;

    /// <summary>The calendar day of a FHIR date or dateTime as written (its own offset, not the server's).</summary>
    private static string DayOf(string fhirDateTime) => fhirDateTime.Length >= 10 ? fhirDateTime[..10] : fhirDateTime;

    private static int? AgeOn(string? birthDate, string dateOfService)
    {
        if (birthDate is not { Length: 10 }
            || !DateOnly.TryParseExact(birthDate, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var born)
            || !DateOnly.TryParseExact(dateOfService, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var on))
            return null;
        var age = on.Year - born.Year;
        return on < born.AddYears(age) ? age - 1 : age;
    }
}
