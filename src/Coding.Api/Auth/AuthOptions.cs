using System.ComponentModel.DataAnnotations;

namespace Coding.Api.Auth;

/// <summary>
/// "Auth" section. Local accounts with a cookie always work; JWT bearer (for API clients) and OpenID Connect (browser
/// sign-in through the site's identity provider) are off until their Authority is set.
/// </summary>
public sealed class AuthOptions : IValidatableObject
{
    public const string Section = "Auth";

    /// <summary>Idle time after which the browser session ends (sliding).</summary>
    [Range(typeof(TimeSpan), "00:01:00", "12:00:00")]
    public TimeSpan SessionTimeout { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>Sign-in attempts allowed per window, per client address and per account name (429 beyond).</summary>
    public SignInLimitSettings SignInLimits { get; set; } = new();

    public JwtSettings Jwt { get; set; } = new();
    public OidcSettings Oidc { get; set; } = new();

    public IEnumerable<ValidationResult> Validate(ValidationContext context)
    {
        if (Jwt.Enabled && string.IsNullOrWhiteSpace(Jwt.Audience))
            yield return new ValidationResult("Auth:Jwt:Audience is required when Auth:Jwt:Authority is set", [nameof(Jwt)]);
        if (Oidc.Enabled && string.IsNullOrWhiteSpace(Oidc.ClientId))
            yield return new ValidationResult("Auth:Oidc:ClientId is required when Auth:Oidc:Authority is set", [nameof(Oidc)]);
        foreach (var (name, authority) in new[] { ("Jwt", Jwt.Authority), ("Oidc", Oidc.Authority) })
        {
            if (!string.IsNullOrWhiteSpace(authority) && (!Uri.TryCreate(authority, UriKind.Absolute, out var uri) || uri.Scheme != Uri.UriSchemeHttps))
                yield return new ValidationResult($"Auth:{name}:Authority must be an absolute https URL", [name]);
        }
    }

    public sealed class SignInLimitSettings
    {
        [Range(1, 100_000)]
        public int PerClient { get; set; } = 30;

        [Range(1, 100_000)]
        public int PerAccount { get; set; } = 10;

        [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
        public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(1);
    }

    public sealed class JwtSettings
    {
        public string? Authority { get; set; }
        public string? Audience { get; set; }

        /// <summary>The token claim holding our role names (coder, manager, cdi, admin, ingest).</summary>
        public string RoleClaim { get; set; } = "roles";

        public bool Enabled => !string.IsNullOrWhiteSpace(Authority);
    }

    public sealed class OidcSettings
    {
        public string? Authority { get; set; }
        public string? ClientId { get; set; }
        public string? ClientSecret { get; set; }
        public string RoleClaim { get; set; } = "roles";

        /// <summary>The name shown on the sign-in page's button.</summary>
        public string DisplayName { get; set; } = "the hospital's identity provider";

        public bool Enabled => !string.IsNullOrWhiteSpace(Authority);
    }
}
