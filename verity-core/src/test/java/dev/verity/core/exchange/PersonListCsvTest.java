package dev.verity.core.exchange;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.verity.core.exchange.PersonListCsv.PersonList;
import java.io.StringReader;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The list file an operator prepares: every bad line and field named, all at once. */
class PersonListCsvTest {
  private static final LocalDate TODAY = LocalDate.of(2026, 2, 1);

  private static PersonList read(String csv) throws Exception {
    return PersonListCsv.read("list.csv", new StringReader(csv), TODAY);
  }

  @Test
  void readsColumnsInAnyOrderBothDateFormsAndQuotes() throws Exception {
    PersonList l = read("\uFEFFdate_of_birth,surname,first_names,service_number\n"
        + "1990-03-14,Шевченко,Олександр Петрович,АБ-123456\n"
        + "14.03.1991,\"Petrenko-Kovalenko\",\"Ivan, Jr\",\n"
        + "\n"
        + "01.12.1985,Бойко,Тарас,\n");
    assertThat(l.persons()).hasSize(3);
    assertThat(l.lines()).containsExactly(2, 3, 5);
    assertThat(l.persons().get(1).dateOfBirth()).isEqualTo(LocalDate.of(1991, 3, 14));
    assertThat(l.persons().get(1).firstNames()).isEqualTo("Ivan, Jr");
    assertThat(l.persons().get(1).serviceNumber()).isNull();
    assertThat(l.persons().get(0).serviceNumber()).isEqualTo("АБ-123456");
    assertThat(l.namesakes()).isEmpty();
  }

  @Test
  void everyProblemNamesItsLineAndField() {
    assertThatThrownBy(() -> read("surname,first_names,date_of_birth\n"
        + "Шевченко,Олександр,1990-02-30\n"
        + ",Іван,1990-01-01\n"
        + "Бойко,Тарас,31.12.2027\n"
        + "Бойко,123,1890-01-01\n"
        + "Мельник,Іван\n"))
        .isInstanceOf(ExchangeInputException.class)
        .hasMessageContaining("list.csv: line 2, date_of_birth: '1990-02-30' is not a date"
            + " (expected YYYY-MM-DD or DD.MM.YYYY)")
        .hasMessageContaining("list.csv: line 3, surname: empty")
        .hasMessageContaining("list.csv: line 4, date_of_birth: 2027-12-31 is after today"
            + " (2026-02-01)")
        .hasMessageContaining("list.csv: line 5, first_names: has no Cyrillic or Latin letter")
        .hasMessageContaining("list.csv: line 5, date_of_birth: 1890-01-01 is outside")
        .hasMessageContaining("list.csv: line 6: 2 fields, the header has 3");
  }

  @Test
  void onlyTheArticle17IdentityIsAccepted() {
    assertThatThrownBy(() -> read("surname,first_names,date_of_birth,religion,surname\n"))
        .hasMessageContaining("line 1, religion: not a column a list may have (GC III Art. 17"
            + " identity only): surname, first_names, date_of_birth, service_number")
        .hasMessageContaining("line 1, surname: column named twice");
    assertThatThrownBy(() -> read("surname,date_of_birth\n"))
        .hasMessageContaining("line 1, first_names: column missing from the header");
    assertThatThrownBy(() -> read("")).hasMessageContaining("line 1: empty file");
    assertThatThrownBy(() -> read("surname,first_names,date_of_birth\n\"Шевченко,Т,1990-01-01\n"))
        .hasMessageContaining("line 2: unterminated quoted field");
    String longName = "Ш".repeat(201);
    assertThatThrownBy(() -> read("surname,first_names,date_of_birth\n" + longName + ",Т,1\n"))
        .hasMessageContaining("line 2: a field longer than 200 characters");
  }

  @Test
  void namesakesAcrossSpellingsAreReturnedForTheOperator() throws Exception {
    PersonList l = read("surname,first_names,date_of_birth\n"
        + "Мельник,Іван,1990-01-01\n"
        + "Бойко,Тарас,1985-12-01\n"
        + "Melnyk,Ivan Petrovych,01.01.1990\n");
    assertThat(l.namesakes()).containsExactly(List.of(2, 4));
  }
}
