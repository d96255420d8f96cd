package cloud.swas.policy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The two hand-written matchers on their own: wildcard patterns and CIDR blocks, edge cases included. */
class WildcardAndAddressTest {

    @ParameterizedTest(name = "{0} ~ \"{1}\" = {2}")
    @CsvSource(delimiter = '|', nullValues = "NULL", value = {
        "*|''|true",
        "*|anything:at/all|true",
        "''|''|true",
        "''|a|false",
        "abc|abc|true",
        "abc|abcd|false",
        "abc|ABC|false",
        "ab*|ab|true",
        "ab*|abxyz|true",
        "ab*|a|false",
        "*bc|bc|true",
        "*bc|xxbc|true",
        "*bc|xxbcx|false",
        "a*c|ac|true",
        "a*c|abbbc|true",
        "a*c|abbbcd|false",
        "a?c|abc|true",
        "a?c|ac|false",
        "a?c|abbc|false",
        "???|abc|true",
        "???|ab|false",
        "**|''|true",
        "a**b|ab|true",
        "*a*a*b|aaab|true",
        "*a*a*b|aab|true",
        "*a*a*b|ab|false",
        "*a?|ab|true",
        "*a?|a|false",
        "?*|''|false",
        "?*|x|true",
        "a*b*c|axxbyyc|true",
        "a*b*c|axxcyyb|false",
        "a*b?c|abxc|true",
        "a*b?c|abxcbyc|true",
        "a*b?c|abxcbc|false",
        "*:Describe*|ecs:DescribeImages|true",
        "*:Describe*|ecs:ListDescribe|false"})
    void wildcard(String pattern, String input, boolean expected) {
        assertThat(Wildcard.of(pattern).matches(input)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{1} in {0} = {2}")
    @CsvSource(delimiter = '|', value = {
        "0.0.0.0/0|255.255.255.255|true",
        "255.255.255.255/32|255.255.255.255|true",
        "255.255.255.254/31|255.255.255.255|true",
        "255.255.255.254/32|255.255.255.255|false",
        "128.0.0.0/1|127.255.255.255|false",
        "128.0.0.0/1|128.0.0.0|true",
        "10.0.0.0/8|10.255.255.255|true",
        "10.0.0.0/8|11.0.0.0|false",
        "192.0.2.0/24|::ffff:192.0.2.1|true",
        "::ffff:192.0.2.0/120|192.0.2.1|true",
        "::/0|2001:db8::1|true",
        "::/0|192.0.2.1|true",
        "2001:db8::/32|2001:db8:ffff:ffff:ffff:ffff:ffff:ffff|true",
        "2001:db8::/32|2001:db9::|false",
        "2001:db8::/63|2001:db8:0:1::|true",
        "2001:db8::/64|2001:db8:0:1::|false",
        "2001:db8::/127|2001:db8::1|true",
        "2001:db8::/128|2001:db8::1|false",
        "fe80::/10|FE80::ABCD|true",
        "fe80::/10|fec0::1|false",
        "::1|::1|true",
        "::1|::2|false",
        "2001:db8::1.2.3.4/128|2001:db8::102:304|true"})
    void cidr(String block, String address, boolean expected) {
        IpBlock parsed = IpBlock.parseBlock(block);
        assertThat(parsed).as(block).isNotNull();
        long[] bits = IpBlock.parseAddress(address);
        assertThat(bits).as(address).isNotNull();
        assertThat(parsed.contains(bits)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "\"{0}\" is no address")
    @CsvSource(delimiter = '|', value = {"''", "1.2.3", "1.2.3.4.5", "1.2.3.256", "01.2.3.4", "1..3.4", "1.2.3.4.",
        "0x1.2.3.4", "1.2.3.-4", "example.com", "localhost", "[::1]", "::1%lo", "1:2:3:4:5:6:7:8:9", "12345::",
        "2001:db8:::1", ":::", "g::1", "' 1.2.3.4'", "'1.2.3.4 '"})
    void refusesWhatIsNoLiteral(String text) {
        assertThat(IpBlock.parseAddress(text)).isNull();
        assertThat(IpBlock.parseBlock(text)).isNull();
    }

    @ParameterizedTest(name = "\"{0}\" is no block")
    @CsvSource(delimiter = '|', value = {"10.0.0.0/33", "10.0.0.0/", "10.0.0.0/-1", "10.0.0.0/08", "10.0.0.0/8/8",
        "::/129", "::/1000", "10.0.0.0/ 8", "'10.0.0.0/8 '"})
    void refusesBadPrefixes(String text) {
        assertThat(IpBlock.parseBlock(text)).isNull();
    }
}
