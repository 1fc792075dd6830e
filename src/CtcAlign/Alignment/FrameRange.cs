namespace CtcAlign.Alignment;

/// <summary>Frames <c>[First, Last]</c> of an emission matrix, both included.</summary>
public readonly record struct FrameRange(int First, int Last)
{
    public int Count => Math.Max(0, Last - First + 1);
}
