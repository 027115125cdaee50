using System.Globalization;
using System.Text.RegularExpressions;
using Coding.Core.Encounters;

namespace Coding.Core.Ingest;

/// <summary>Pure validation of incoming encounters: a clear reason per refusal, never the note's content.</summary>
public static partial class EncounterValidator
{
    public static (ValidEncounter? Encounter, string? Error) Validate(EncounterInput input, IngestOptions options, DateOnly today)
    {
        if (string.IsNullOrWhiteSpace(input.ExternalId))
            return (null, "externalId is required");
        if (!ExternalIdPattern().IsMatch(input.ExternalId))
            return (null, "externalId must be 1-128 characters of letters, digits, '.', '_', ':' or '-'");
        if (!TryParseSetting(input.Setting, out var setting))
            return (null, $"setting must be one of {string.Join(", ", Enum.GetNames<CareSetting>().Select(n => n.ToLowerInvariant()))}");
        if (string.IsNullOrWhiteSpace(input.DateOfService))
            return (null, "dateOfService is required (yyyy-MM-dd)");
        if (!DateOnly.TryParseExact(input.DateOfService, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            return (null, "dateOfService must be a calendar date in yyyy-MM-dd form");
        if (date < options.EarliestDateOfService)
            return (null, $"dateOfService is before {options.EarliestDateOfService:yyyy-MM-dd}, when ICD-10-CM took effect");
        if (date > today.AddDays(1))
            return (null, "dateOfService is in the future");
        if (input.PatientAge is < 0 or > 130)
            return (null, "patientAge must be between 0 and 130");
        if (!TryParseSex(input.PatientSex, out var sex))
            return (null, "patientSex must be F, M or omitted");
        if (input.Note is null)
            return (null, "note is required");
        if (string.IsNullOrWhiteSpace(input.Note))
            return (null, "note is empty");
        if (input.Note.Length > options.MaxNoteChars)
            return (null, $"note is {input.Note.Length} characters, over the limit of {options.MaxNoteChars}");
        var bad = FirstForbiddenChar(input.Note);
        if (bad >= 0)
            return (null, $"note contains {(char.IsSurrogate(input.Note[bad]) ? "unpaired surrogate" : "control character")} U+{(int)input.Note[bad]:X4} at offset {bad}");
        var hidden = FirstInvisibleFormatChar(input.Note);
        if (hidden >= 0)
            return (null, $"note contains the invisible formatting character U+{(int)input.Note[hidden]:X4} ({InvisibleName(input.Note[hidden])}) "
                + $"at offset {hidden}: it makes the text display differently from what is stored and coded");
        var (context, contextError) = ValidateContext(input, options, date, today);
        if (contextError is not null)
            return (null, contextError);
        // Upper case: the source system's ids are compared case-insensitively (SEC-DUP-1 and sec-dup-1 are one encounter).
        return (new ValidEncounter(NormalizeExternalId(input.ExternalId), setting, date, input.PatientAge, sex, input.Note, context), null);
    }

    /// <summary>
    /// The account context: identifiers of the id shape (never echoed: an MRN is PHI), short printable names, date-times
    /// with their offset (a time without one is ambiguous across a site's time zones), discharge not before admission,
    /// the date of service inside the stay, and a disposition from FHIR's code system.
    /// </summary>
    private static (EncounterContext? Context, string? Error) ValidateContext(EncounterInput input, IngestOptions options, DateOnly date, DateOnly today)
    {
        if (input.Mrn is not null && !IdentifierPattern().IsMatch(input.Mrn))
            return (null, "mrn must be 1-40 characters of letters, digits, '.', '_' or '-'");
        if (input.AccountNumber is not null && !IdentifierPattern().IsMatch(input.AccountNumber))
            return (null, "accountNumber must be 1-40 characters of letters, digits, '.', '_' or '-'");
        if (NameError(input.Payer, "payer") is { } payerError)
            return (null, payerError);
        if (NameError(input.Attending, "attending") is { } attendingError)
            return (null, attendingError);
        if (!TryParseInstant(input.AdmitAt, out var admit))
            return (null, "admitAt must be a date-time with its offset, e.g. 2026-03-01T08:30:00-05:00");
        if (!TryParseInstant(input.DischargeAt, out var discharge))
            return (null, "dischargeAt must be a date-time with its offset, e.g. 2026-03-04T11:00:00-05:00");
        if (admit is { } a && DateOnly.FromDateTime(a.DateTime) < options.EarliestDateOfService)
            return (null, $"admitAt is before {options.EarliestDateOfService:yyyy-MM-dd}, when ICD-10-CM took effect");
        if (discharge is { } d && DateOnly.FromDateTime(d.DateTime) > today.AddDays(1))
            return (null, "dischargeAt is in the future");
        if (admit > discharge)
            return (null, "dischargeAt is before admitAt");
        if (admit is { } from && date < DateOnly.FromDateTime(from.DateTime))
            return (null, "dateOfService is before admitAt");
        if (discharge is { } to && date > DateOnly.FromDateTime(to.DateTime))
            return (null, "dateOfService is after dischargeAt");
        var disposition = input.DischargeDisposition?.Trim().ToLowerInvariant();
        if (disposition is not null && !DischargeDispositions.Displays.ContainsKey(disposition))
            return (null, $"dischargeDisposition must be one of {string.Join(", ", DischargeDispositions.Displays.Keys)}");
        if (disposition is not null && discharge is null)
            return (null, "dischargeDisposition needs dischargeAt");
        var context = new EncounterContext(input.Mrn, input.AccountNumber, input.Payer?.Trim(), admit, discharge, input.Attending?.Trim(), disposition);
        return (context == EncounterContext.None ? null : context, null);
    }

    private static string? NameError(string? value, string field) =>
        value is null ? null
        : string.IsNullOrWhiteSpace(value) || value.Trim().Length > 100 ? $"{field} must be 1-100 characters"
        : FirstForbiddenChar(value) >= 0 || FirstInvisibleFormatChar(value) >= 0 ? $"{field} contains a control or invisible formatting character"
        : null;

    private static bool TryParseInstant(string? value, out DateTimeOffset? instant)
    {
        instant = null;
        if (value is null)
            return true;
        if (!InstantPattern().IsMatch(value)
            || !DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
            return false;
        instant = parsed;
        return true;
    }

    /// <summary>The one spelling an external id is stored and looked up in (ids are ASCII, see the pattern).</summary>
    public static string NormalizeExternalId(string externalId) => externalId.ToUpperInvariant();

    /// <summary>
    /// Index of the first bidirectional control (U+061C, U+200E-F, U+202A-E, U+2066-9) or zero-width character (U+200B-D,
    /// U+2060, U+FEFF), or -1. They are invisible: a right-to-left override shows a coder words in an order other than
    /// the stored one (and the engine reads), and a zero-width space splits a word so it no longer matches a term.
    /// </summary>
    public static int FirstInvisibleFormatChar(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (InvisibleName(text[i]) is not null)
                return i;
        }
        return -1;
    }

    private static string? InvisibleName(char c) => c switch
    {
        '\u061C' => "Arabic letter mark",
        '\u200B' => "zero-width space",
        '\u200C' => "zero-width non-joiner",
        '\u200D' => "zero-width joiner",
        '\u200E' => "left-to-right mark",
        '\u200F' => "right-to-left mark",
        '\u202A' => "left-to-right embedding",
        '\u202B' => "right-to-left embedding",
        '\u202C' => "pop directional formatting",
        '\u202D' => "left-to-right override",
        '\u202E' => "right-to-left override",
        '\u2060' => "word joiner",
        '\u2066' => "left-to-right isolate",
        '\u2067' => "right-to-left isolate",
        '\u2068' => "first strong isolate",
        '\u2069' => "pop directional isolate",
        '\uFEFF' => "zero-width no-break space",
        _ => null,
    };

    /// <summary>Index of the first C0/C1 control character other than tab, CR and LF, or an unpaired surrogate; -1 if none.</summary>
    public static int FirstForbiddenChar(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c is '\t' or '\n' or '\r')
                continue;
            if (char.IsControl(c))
                return i;
            if (char.IsHighSurrogate(c) && (i + 1 >= text.Length || !char.IsLowSurrogate(text[i + 1])))
                return i;
            if (char.IsLowSurrogate(c) && (i == 0 || !char.IsHighSurrogate(text[i - 1])))
                return i;
        }
        return -1;
    }

    private static bool TryParseSetting(string? value, out CareSetting setting)
    {
        setting = CareSetting.Outpatient;
        if (string.IsNullOrWhiteSpace(value))
            return false;
        return Enum.TryParse(value, ignoreCase: true, out setting) && Enum.IsDefined(setting) && !int.TryParse(value, out _);
    }

    private static bool TryParseSex(string? value, out PatientSex sex)
    {
        sex = value?.Trim().ToUpperInvariant() switch
        {
            null or "" or "U" or "UNKNOWN" => PatientSex.Unknown,
            "F" or "FEMALE" => PatientSex.Female,
            "M" or "MALE" => PatientSex.Male,
            _ => (PatientSex)(-1),
        };
        return Enum.IsDefined(sex);
    }

    [GeneratedRegex(@"^[A-Za-z0-9._:\-]{1,128}$")]
    private static partial Regex ExternalIdPattern();

    [GeneratedRegex(@"^[A-Za-z0-9._\-]{1,40}$")]
    private static partial Regex IdentifierPattern();

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,7})?)?(Z|[+-]\d{2}:\d{2})$")]
    private static partial Regex InstantPattern();
}
