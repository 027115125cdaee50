using System.Globalization;
using System.Text;

namespace Coding.Core.Ingest;

/// <summary>
/// Makes a value taken from input safe to print: every character outside printable ASCII (control bytes, escape
/// sequences, bidirectional overrides, line and paragraph separators, surrogates, anything a terminal or log viewer
/// might interpret) becomes a <c>\uXXXX</c> escape, quotes and backslashes are escaped, and the result is cut to a
/// length that fits a line. Without it a refused id with a newline and an escape sequence forged a refusal line, and
/// a 5,000-character id was printed whole (issue 19).
/// </summary>
public static class Echo
{
    /// <summary>Longest echo of one value, in input characters, before it is cut.</summary>
    public const int DefaultMax = 64;

    /// <summary>The value quoted and escaped, cut to <paramref name="max"/> characters with a count of what was left out.</summary>
    public static string Quote(string? value, int max = DefaultMax)
    {
        if (value is null)
            return "null";
        var sb = new StringBuilder(Math.Min(value.Length, max) + 16).Append('"');
        var shown = Math.Min(value.Length, max);
        for (var i = 0; i < shown; i++)
        {
            var c = value[i];
            if (c is '"' or '\\')
                sb.Append('\\').Append(c);
            else if (c is >= ' ' and <= '~')
                sb.Append(c);
            else
                sb.Append("\\u").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture));
        }
        sb.Append('"');
        if (value.Length > shown)
            sb.Append(CultureInfo.InvariantCulture, $"... ({value.Length - shown} more characters)");
        return sb.ToString();
    }
}
