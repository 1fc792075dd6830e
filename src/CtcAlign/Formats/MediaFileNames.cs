using System.Security.Cryptography;
using System.Text;

namespace CtcAlign.Formats;

/// <summary>
/// Portable, distinct names for media ids, used as file stems (srt/vtt/TextGrid folders, corpus clips) and as Kaldi
/// recording and speaker ids. A name is the id with every character but ASCII letters, digits, '-', '_' and '.'
/// replaced by '_' (and a leading '.' too). When that changed the id, or when two ids would get names that differ
/// at most in letter case, the name gets '-' and the first 8 hex digits of the SHA-256 of the id's UTF-8 bytes:
/// "show 1" is <c>show_1-&lt;hash&gt;</c>, "show_1" stays <c>show_1</c>, "é1" and "è1" get different hashes.
/// The rule makes names injective: two different ids never share a name (checked; 16 hex digits where 8 clash).
/// </summary>
public static class MediaFileNames
{
    private const int MaxStemLength = 80;

    /// <summary>The name of each id, in the given order (ids are expected distinct; a repeated id gets the same name).</summary>
    public static IReadOnlyList<string> Of(IReadOnlyList<string> ids)
    {
        var distinct = ids.Distinct(StringComparer.Ordinal).ToList();
        var names = distinct.ToDictionary(id => id, id => Flatten(id) is var flat && flat == id ? id : Hashed(flat, id, 8), StringComparer.Ordinal);
        for (var round = 0; ; round++)
        {
            var clashes = names.GroupBy(p => p.Value, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1).ToList();
            if (clashes.Count == 0)
                break;
            if (round == 2)
                throw new InvalidOperationException($"media ids give the same file name: {string.Join(", ", clashes[0].Select(p => $"'{p.Key}'"))}");
            foreach (var group in clashes)
                foreach (var (id, _) in group.ToList())
                    names[id] = Hashed(Flatten(id), id, round == 0 ? 8 : 16);
        }
        return ids.Select(id => names[id]).ToList();
    }

    /// <summary>The name of one id on its own (no other ids to tell it from).</summary>
    public static string Of(string id) => Of([id])[0];

    /// <summary>The id with characters outside [A-Za-z0-9._-] and a leading '.' replaced by '_', at most 80 characters; "_" for an empty id.</summary>
    public static string Flatten(string id)
    {
        var sb = new StringBuilder(Math.Min(id.Length, MaxStemLength));
        foreach (var c in id)
        {
            if (sb.Length == MaxStemLength)
                break;
            sb.Append(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' || (c == '.' && sb.Length > 0) ? c : '_');
        }
        return sb.Length == 0 ? "_" : sb.ToString();
    }

    private static string Hashed(string flat, string id, int hexDigits) =>
        flat + "-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(id)))[..hexDigits];
}
