namespace Estuary.Testing.Tests.Shop;

public interface IMailer
{
    void Send(string text);
}
