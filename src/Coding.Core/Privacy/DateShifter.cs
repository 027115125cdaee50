using System.Globalization;
using System.Text.RegularExpressions;

namespace Coding.Core.Privacy;

/// <summary>
/// Shifts a date by a number of days and writes it back in the form it was written in, so the intervals between the
/// dates of one encounter survive. Dates without a year shift as dates of a leap year (so 2/29 stays valid); a date
/// it cannot read (ordinals alone, "on the 5th") returns null and is replaced by [DATE].
/// </summary>
internal static partial class DateShifter
{
    private static readonly string[] WithYear =
    [
        "MM/dd/yyyy", "M/d/yyyy", "MM/dd/yy", "M/d/yy", "MM-dd-yyyy", "M-d-yyyy", "MM.dd.yyyy", "M.d.yyyy", "MM-dd-yy", "M-d-yy",
        "yyyy-MM-dd", "yyyy/MM/dd", "yyyy.MM.dd", "yyyyMMdd", "MMddyyyy", "yyyy-M-d",
        "MMMM d, yyyy", "MMMM d yyyy", "MMM d, yyyy", "MMM d yyyy", "MMM. d, yyyy", "MMM. d yyyy", "MMMMd,yyyy",
        "d MMMM yyyy", "d MMM yyyy", "dd-MMM-yyyy", "d-MMM-yyyy", "dd-MMM-yy", "d-MMM-yy", "ddMMMyyyy", "dMMMyyyy", "dd MMM yy",
        "d MMM, yyyy", "d MMMM, yyyy", "MMM-dd-yyyy", "MMM dd, yyyy", "MMMM dd, yyyy", "dd/MMM/yyyy", "MMMM yyyy", "MMM yyyy", "MMM-yyyy",
        "MMMM, yyyy", "MMM. yyyy", "MMM-yy", "MMM yy",
    ];

    private static readonly string[] WithoutYear =
    [
        "M/d", "MM/dd", "MMMM d", "MMM d", "MMM. d", "d MMMM", "d MMM", "dd-MMM", "d-MMM", "MMMM dd", "MMM dd",
    ];

    public static string? Shift(string original, int days)
    {
        var time = TimePart().Match(original);
        var date = time.Success ? original[..time.Index] : original;
        var cleaned = Ordinal().Replace(date.Trim(), "$1").Replace(" of ", " ", StringComparison.OrdinalIgnoreCase);
        cleaned = Regex.Replace(cleaned, @"\s+", " ");
        var style = DateTimeStyles.AllowWhiteSpaces;
        // Formats with month names are tried only on dates with letters, numeric ones only on dates without.
        var named = cleaned.Any(char.IsLetter);
        foreach (var format in WithYear.Where(f => f.Contains('M') && f.Contains("MMM", StringComparison.Ordinal) == named))
        {
            if (DateTime.TryParseExact(cleaned, format, CultureInfo.InvariantCulture, style, out var d))
            {
                // A month with its year alone shifts from the month's middle, so the month moves only with the shift.
                var shifted = format.Contains('d', StringComparison.Ordinal) ? d.AddDays(days) : d.AddDays(14 + days);
                return Case(shifted.ToString(format, CultureInfo.InvariantCulture), cleaned) + (time.Success ? original[time.Index..] : "");
            }
        }
        foreach (var format in WithoutYear.Where(f => f.Contains("MMM", StringComparison.Ordinal) == named))
        {
            if (DateTime.TryParseExact(cleaned + " 2024", format + " yyyy", CultureInfo.InvariantCulture, style, out var d))
                return Case(d.AddDays(days).ToString(format, CultureInfo.InvariantCulture), cleaned) + (time.Success ? original[time.Index..] : "");
        }
        return null;
    }

    /// <summary>"07-JUN-2023" comes back in capitals too.</summary>
    private static string Case(string shifted, string original) =>
        original.Any(char.IsLetter) && original.Where(char.IsLetter).All(char.IsUpper) ? shifted.ToUpperInvariant() : shifted;

    [GeneratedRegex(@"(\d)(?:st|nd|rd|th)\b", RegexOptions.IgnoreCase)]
    private static partial Regex Ordinal();

    [GeneratedRegex(@"[ T,@]+(?:at\s+)?\d{1,2}:\d{2}.*$")]
    private static partial Regex TimePart();
}
