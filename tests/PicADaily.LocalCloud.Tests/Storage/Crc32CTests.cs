using System.Text;

using PicADaily.LocalCloud.Storage;
using PicADaily.LocalCloud.Storage.Model;

namespace PicADaily.LocalCloud.Tests.Storage;

public sealed class Crc32CTests
{
    [Fact]
    public void Crc32C_of_the_standard_check_string_is_E3069283()
    {
        Assert.Equal(0xE3069283u, Crc32C.Compute(Encoding.ASCII.GetBytes("123456789")));
    }

    [Fact]
    public void Crc32C_is_encoded_big_endian_in_base64_as_cloud_storage_does()
    {
        var crc = new Crc32C();
        Assert.Equal("AAAAAA==", crc.ToBase64());

        crc.Append(Encoding.ASCII.GetBytes("1234"));
        crc.Append(Encoding.ASCII.GetBytes("56789"));
        Assert.Equal(Convert.ToBase64String([0xE3, 0x06, 0x92, 0x83]), crc.ToBase64());
    }

    [Fact]
    public void Crc32C_of_32_zero_bytes_matches_the_iSCSI_test_vector()
    {
        // RFC 3720 appendix B.4.
        Assert.Equal(0x8A9136AAu, Crc32C.Compute(new byte[32]));
    }
}
