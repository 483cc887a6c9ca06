namespace ContactCenter.ModelRuntime.Models;

/// <summary>A model file is missing or does not match its pinned sha256; the message names the install command.</summary>
public sealed class ModelMissingException : Exception
{
    public ModelMissingException()
    {
    }

    public ModelMissingException(string message)
        : base(message)
    {
    }

    public ModelMissingException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
