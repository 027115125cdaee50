using System.ComponentModel.DataAnnotations;
using System.Net;

namespace Coding.Api.Hosting;

/// <summary>
/// "Hosting" section: how the API host sits behind a site's TLS proxy. With no proxy listed, X-Forwarded-* headers are
/// ignored (anyone could send them); with one, only that address may say which client and scheme a request came from.
/// </summary>
public sealed class HostingOptions : IValidatableObject
{
    public const string Section = "Hosting";

    /// <summary>Addresses of the reverse proxies whose X-Forwarded-For / X-Forwarded-Proto are believed.</summary>
    public List<string> KnownProxies { get; set; } = [];

    public IEnumerable<ValidationResult> Validate(ValidationContext context)
    {
        foreach (var proxy in KnownProxies.Where(p => !IPAddress.TryParse(p, out _)))
            yield return new ValidationResult($"Hosting:KnownProxies: '{proxy}' is not an IP address", [nameof(KnownProxies)]);
    }
}
