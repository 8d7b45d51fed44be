package dev.verity.core.exchange;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Each fold rule on the spellings it exists for, and the names it must keep apart. */
class NameFoldingTest {

  @ParameterizedTest(name = "{0} = {1}")
  @CsvSource(delimiter = '|', value = {
    // Г: H in KMU 2010, G in ICAO 9303; И Й Ы І: y or i; Ь omitted
    "Григорій | Hryhorii", "Григорий | Grigorii", "Hryhoriy | GRIGORII", "Ігор | Ihor",
    "Игорь | Igor", "Олег | Oleh",
    // Є and Е: ie / ye / e
    "Євтушенко | Yevtushenko", "Евтушенко | Evtushenko", "Андрієнко | Andriienko",
    "Андриенко | Andrienko", "Алексеев | Alekseyev", "Алексеев | ALEKSEEV",
    // Ё: e (ICAO), ë or yo (BGN), ьо / io (Ukrainian)
    "Соловьёв | Solovʹyëv", "Соловьёв | Solovyov", "Соловйов | Soloviov", "Семён | Semyon",
    // the ending -ий / -ей: ii, iy, yi, y, ei, ey
    "Висоцький | Vysotskyi", "Высоцкий | Vysotskiy", "Высоцкий | Vysotsky",
    "Сергей | Sergey", "Сергій | Serhii", "Андрей | Andrii",
    // х = kh, x = ks, doubled letters, diacritics and punctuation
    "Михайлов | Mikhaylov", "Alexandrov | Aleksandrov", "Ілля | Illia", "Илья | Ilya",
    "Лук'яненко | Lukianenko", "Лук’яненко | Лукьяненко", "Petrenko-Kovalenko | ПЕТРЕНКО КОВАЛЕНКО",
    // hushing sibilants: Чернышёв, Чернышов
    "Чернышёв | Chernyshov", "Щербаков | Shcherbakov", "Журавлёв | Zhuravlev",
    // feminine surnames: -ая and -а
    "Высоцкая | Висоцька", "Vysotskaya | Vysotska"
  })
  void foldsTheSpellingsOfOneName(String a, String b) {
    assertThat(NameFolding.fold(a)).isEqualTo(NameFolding.fold(b));
  }

  @ParameterizedTest(name = "{0} != {1}")
  @CsvSource(delimiter = '|', value = {
    "Харченко | Гарченко", "Шевченко | Сенченко", "Жук | Зук", "Коваль | Ковальов",
    "Иванов | Иванова", "Мельник | Мельничук", "Петров | Петренко", "Кот | Кіт"
  })
  void keepsDifferentNamesApart(String a, String b) {
    assertThat(NameFolding.foldSurname(a)).isNotEqualTo(NameFolding.foldSurname(b));
  }

  @Test
  void surnameSuffixOvEvIsOne() {
    // KMU 2010 drops Ь: Ковальов is Kovalov; ICAO writes Ковалёв as Kovalev
    assertThat(NameFolding.foldSurname("Kovalov")).isEqualTo(NameFolding.foldSurname("KOVALEV"));
    assertThat(NameFolding.foldSurname("Korolova")).isEqualTo(NameFolding.foldSurname("Королёва"));
    assertThat(NameFolding.fold("Kovalov")).isNotEqualTo(NameFolding.fold("Kovalev"));
  }

  @Test
  void givenNamesOfBothLanguagesAreOne() {
    LocalDate d = LocalDate.of(1990, 3, 14);
    List<String[]> pairs = List.of(new String[] {"Олександр", "Aleksandr"},
        new String[] {"Oleksandr", "Alexander"}, new String[] {"Микола", "NIKOLAI"},
        new String[] {"Володимир", "Vladimir"}, new String[] {"Дмитро", "Dmitry"},
        new String[] {"Ганна", "Anna"}, new String[] {"Yevhen", "Evgenii"},
        new String[] {"Петро Іванович", "Pyotr"});
    for (String[] p : pairs) {
      assertThat(MatchKey.of(new PersonRecord("Шевченко", p[0], d, null)))
          .as(p[0] + " / " + p[1])
          .isEqualTo(MatchKey.of(new PersonRecord("Shevchenko", p[1], d, "АБ-123456")));
    }
    assertThat(MatchKey.of(new PersonRecord("Шевченко", "Олександр", d, null)))
        .isNotEqualTo(MatchKey.of(new PersonRecord("Шевченко", "Олексій", d, null)))
        .isNotEqualTo(MatchKey.of(new PersonRecord("Шевченко", "Олександр", d.plusDays(1),
            null)));
  }

  @Test
  void theTableMayNotGiveOneFoldTwoNames() {
    assertThatThrownBy(() -> GivenNames.parse(List.of("Александр ; Олександр",
        "Алексей ; Aleksandr"))).hasMessageContaining("already a form of");
    assertThat(GivenNames.bundled().pairs()).hasSizeGreaterThan(80);
  }

  @Test
  void recordsKeepNamesAsWrittenAndHideThem() {
    PersonRecord p = new PersonRecord("  Шевченко ", "Тарас\t Григорович",
        LocalDate.of(1964, 3, 9), " ");
    assertThat(p.surname()).isEqualTo("Шевченко");
    assertThat(p.firstNames()).isEqualTo("Тарас Григорович");
    assertThat(p.serviceNumber()).isNull();
    assertThat(p.toString()).doesNotContain("Шевченко").doesNotContain("1964");
    assertThat(MatchKey.of(p).toString()).doesNotContain("Wevenko").doesNotContain("1964");
    assertThatThrownBy(() -> new PersonRecord("42", "Тарас", LocalDate.of(1990, 1, 1), null))
        .hasMessageContaining("surname: has no Cyrillic or Latin letter");
    assertThatThrownBy(() -> new PersonRecord("Шевченко", "Тарас", LocalDate.of(1814, 3, 9),
        null)).hasMessageContaining("date of birth: 1814-03-09 is outside");
  }
}
