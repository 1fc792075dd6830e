namespace CtcAlign.Storage;

/// <summary>An index of a store table over <see cref="Columns"/>, in order.</summary>
public sealed record StoreIndex(string Name, bool Unique, IReadOnlyList<string> Columns);
