using System.Globalization;
using Coding.Core.Encounters;
using Coding.Core.Reviewing;
using Coding.Core.Suggestions;
using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;
using Hl7.Fhir.Validation;
using CodeSystem = Coding.Core.Suggestions.CodeSystem;

namespace Coding.Core.Fhir;

/// <summary>
/// Finalized codes as a FHIR R4 Claim built with Firely's POCOs and checked by its validator (cardinality, required
/// elements, primitive formats) before it leaves: a Claim the SDK itself would refuse is our bug, never the receiver's.
/// Status draft: billing completes provider and coverage references, which this system does not hold. ICD-10-CM codes
/// are diagnoses, ICD-10-PCS codes procedures, CPT and HCPCS codes line items. The patient and the account are named by
/// identifier (MRN, account number) when the source system sent them.
/// </summary>
public static class FhirClaimExport
{
    public const string Icd10Cm = "http://hl7.org/fhir/sid/icd-10-cm";
    public const string Icd10Pcs = "http://www.cms.gov/Medicare/Coding/ICD10";
    public const string Cpt = "http://www.ama-assn.org/go/cpt";
    public const string Hcpcs = "urn:oid:2.16.840.1.113883.6.285";
    public const string DiagnosisType = "http://terminology.hl7.org/CodeSystem/ex-diagnosistype";
    public const string OnAdmission = "http://terminology.hl7.org/CodeSystem/ex-diagnosis-on-admission";
    public const string IdentifierType = "http://terminology.hl7.org/CodeSystem/v2-0203";
    public const string InformationCategory = "http://terminology.hl7.org/CodeSystem/claiminformationcategory";
    public const string CareTeamRole = "http://terminology.hl7.org/CodeSystem/claimcareteamrole";

    private static readonly FhirJsonSerializer Serializer = new();

    public static string SystemUri(CodeSystem system) => system switch
    {
        CodeSystem.Icd10Cm => Icd10Cm,
        CodeSystem.Icd10Pcs => Icd10Pcs,
        CodeSystem.Cpt => Cpt,
        CodeSystem.Hcpcs => Hcpcs,
        _ => throw new ArgumentOutOfRangeException(nameof(system)),
    };

    /// <summary>The Claim as FHIR JSON.</summary>
    public static string ToJson(FinalizedEncounter e, FhirIdentifierSystems systems) => Serializer.SerializeToString(ToClaim(e, systems));

    /// <exception cref="InvalidOperationException">The SDK's validator refused the Claim (names the element, never a value).</exception>
    public static Claim ToClaim(FinalizedEncounter e, FhirIdentifierSystems systems)
    {
        var diagnoses = ClaimOrder(e.Codes.Where(c => c.System == CodeSystem.Icd10Cm).ToList());
        var procedures = e.Codes.Where(c => c.System == CodeSystem.Icd10Pcs).ToList();
        var items = e.Codes.Where(c => c.System is CodeSystem.Cpt or CodeSystem.Hcpcs).ToList();
        var institutional = e.Setting is CareSetting.Inpatient or CareSetting.Observation;
        var context = e.Context ?? EncounterContext.None;
        var serviceDate = Date(e.DateOfService);

        var claim = new Claim
        {
            Id = e.EncounterId.ToString(),
            Identifier = [new Identifier(systems.Encounter, e.ExternalId)],
            Status = FinancialResourceStatusCodes.Draft,
            Type = Concept("http://terminology.hl7.org/CodeSystem/claim-type", institutional ? "institutional" : "professional", null),
            Use = ClaimUseCode.Claim,
            Patient = new ResourceReference { Display = "patient of encounter " + e.ExternalId },
            // The stay when the source system sent it (admission to discharge), else the day of service.
            BillablePeriod = new Period
            {
                Start = context.AdmittedAt is { } admitted ? Instant(admitted) : serviceDate,
                End = context.DischargedAt is { } discharged ? Instant(discharged) : serviceDate,
            },
            Created = Instant(e.FinalizedAt),
            Enterer = new ResourceReference { Display = e.FinalizedBy },
            Provider = new ResourceReference { Display = "to be completed by billing" },
            Priority = Concept("http://terminology.hl7.org/CodeSystem/processpriority", "normal", null),
            Insurance =
            [
                new Claim.InsuranceComponent
                {
                    Sequence = 1,
                    Focal = true,
                    Coverage = new ResourceReference { Display = context.Payer ?? "to be completed by billing" },
                },
            ],
        };
        if (context.Mrn is { } mrn)
            claim.Patient.Identifier = TypedIdentifier(systems.Mrn, "MR", mrn);
        if (context.AccountNumber is { } account)
            claim.Identifier.Add(TypedIdentifier(systems.Account, "AN", account));
        if (context.Attending is { } attending)
        {
            claim.CareTeam.Add(new Claim.CareTeamComponent
            {
                Sequence = 1,
                Provider = new ResourceReference { Display = attending },
                Role = Concept(CareTeamRole, "primary", null),
            });
        }
        if (context.DischargeDisposition is { } disposition)
        {
            claim.SupportingInfo.Add(new Claim.SupportingInformationComponent
            {
                Sequence = 1,
                Category = Concept(InformationCategory, "discharge", null),
                Code = Concept(DischargeDispositions.System, disposition, DischargeDispositions.Displays.GetValueOrDefault(disposition)),
            });
        }
        claim.Diagnosis = diagnoses.Select((c, i) =>
        {
            var d = new Claim.DiagnosisComponent { Sequence = i + 1, Diagnosis = Concept(SystemUri(c.System), c.Code, c.Description) };
            // ex-diagnosistype has no "first-listed": the outpatient first-listed diagnosis is typed principal too.
            if (i == 0)
                d.Type = [Concept(DiagnosisType, "principal", null)];
            // POA belongs to inpatient claims; exempt codes are reported without one, and so is a POA never recorded.
            if (e.Setting == CareSetting.Inpatient && c.Poa is { } poa && poa != PresentOnAdmission.Exempt)
                d.OnAdmission = Concept(OnAdmission, poa.Letter().ToLowerInvariant(), null);
            return d;
        }).ToList();
        claim.Procedure = procedures.Select((c, i) => new Claim.ProcedureComponent
        {
            Sequence = i + 1,
            DateElement = new FhirDateTime(serviceDate),
            Procedure = Concept(SystemUri(c.System), c.Code, c.Description),
        }).ToList();
        claim.Item = items.Select((c, i) => new Claim.ItemComponent
        {
            Sequence = i + 1,
            ProductOrService = Concept(SystemUri(c.System), c.Code, c.Description),
            Serviced = new Date(serviceDate),
        }).ToList();

        var problems = claim.Validate(ModelInfo.ModelInspector, NarrativeValidationKind.FhirXhtml, null, true);
        if (problems.Count > 0)
            throw new InvalidOperationException("the FHIR Claim failed validation: " + string.Join("; ", problems.Select(p => p.ErrorCode + " at " + p.MemberName)));
        return claim;
    }

    /// <summary>
    /// The principal / first-listed diagnosis first, the rest in their export order. Codes finalized before roles were
    /// stored have no lead: their first diagnosis is the principal one, as it always was.
    /// </summary>
    private static List<FinalCode> ClaimOrder(List<FinalCode> diagnoses) =>
        diagnoses.OrderBy(c => c.Role == DiagnosisRole.Secondary).ThenBy(c => c.Sequence).ToList();

    private static Identifier TypedIdentifier(string system, string type, string value) =>
        new(system, value) { Type = Concept(IdentifierType, type, null) };

    private static CodeableConcept Concept(string system, string code, string? display) => new(system, code, display, null);

    private static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Instant(DateTimeOffset at) =>
        at.Offset == TimeSpan.Zero
            ? at.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)
            : at.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);
}

/// <summary>
/// Identifier systems (namespaces) of the site's encounter ids, MRNs and account numbers, as its other FHIR systems
/// know them: "Fhir" section, validated on start.
/// </summary>
public sealed class FhirIdentifierSystems
{
    [System.ComponentModel.DataAnnotations.Required, AbsoluteUri]
    public string Encounter { get; set; } = "urn:coding:encounter-external-id";

    [System.ComponentModel.DataAnnotations.Required, AbsoluteUri]
    public string Mrn { get; set; } = "urn:coding:mrn";

    [System.ComponentModel.DataAnnotations.Required, AbsoluteUri]
    public string Account { get; set; } = "urn:coding:account-number";
}

/// <summary>A string that is an absolute URI (FHIR identifier systems are).</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class AbsoluteUriAttribute : System.ComponentModel.DataAnnotations.ValidationAttribute
{
    public override bool IsValid(object? value) => value is string s && Uri.TryCreate(s, UriKind.Absolute, out _);
}
