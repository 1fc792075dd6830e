using System.Reflection;

namespace CtcAlign.Review;

/// <summary>The page's fixed parts, kept as files beside this one (review.css, review.js, review-body.html) and embedded in the assembly.</summary>
public static class ReviewAssets
{
    /// <summary>Nothing but inline script and style, the page's own audio and data: URIs: no request can leave for the network.</summary>
    public const string ContentSecurityPolicy =
        "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:; media-src 'self' file: data:";

    public static string Style { get; } = Read("review.css");

    public static string Script { get; } = Read("review.js");

    /// <summary>The page's elements, filled in by <see cref="Script"/> from the JSON block.</summary>
    public static string PageBody { get; } = Read("review-body.html");

    private static string Read(string name)
    {
        using var stream = typeof(ReviewAssets).Assembly.GetManifestResourceStream($"CtcAlign.Review.{name}")
            ?? throw new InvalidOperationException($"embedded resource {name} is missing from {typeof(ReviewAssets).Assembly.GetName().Name}");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
