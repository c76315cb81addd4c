"""A list of parties the sentence cutter split is one answer unit; a clause never ends inside a
name and a span never ends waiting for one (real thaigov release and iApp text)."""
from __future__ import annotations

from indexer.sentences import split_sentences
from search_api.answer_span import clause
from search_api.party_lists import continues_list
from search_api.searcher import merge_units

# 2020/09/23/ด้านสังคม_6.txt of the thaigov archive: crfcut ends a sentence after the first of four parties
SPLIT_LIST = ("รัฐมนตรีว่าการกระทรวงการพัฒนาสังคมและความมั่นคงของมนุษย์ (รมว.พม.) เป็นประธานในพิธีลงนาม MOU "
              "บันทึกความเข้าใจการบูรณาการความร่วมมือในการปลูกจิตสำนึกรักเมืองไทยให้กับเด็กและเยาวชน"
              "ระหว่างสำนักงานปลัดกระทรวงการพัฒนาสังคมและความมั่นคงของมนุษย์ สำนักงานปลัดกระทรวงศึกษาธิการ "
              "สำนักงานปลัดกระทรวงมหาดไทย และสำนักงานปลัดกระทรวงกลาโหม พร้อมทั้งเปิดโครงการส่งเสริมและพัฒนา"
              "เครือข่ายสถานีวิทยุเพื่อเด็กและเยาวชนสร้างสรรค์สังคม DCY Radio Network")
PARTIES = ("สำนักงานปลัดกระทรวงการพัฒนาสังคมและความมั่นคงของมนุษย์ สำนักงานปลัดกระทรวงศึกษาธิการ "
           "สำนักงานปลัดกระทรวงมหาดไทย และสำนักงานปลัดกระทรวงกลาโหม")


def _units(text):
    spans = split_sentences(text)
    return [text[spans[a][0]:spans[b - 1][1]] for a, b in merge_units(spans, text, 80)]


def test_the_parties_the_cutter_split_are_one_unit():
    assert not any(PARTIES in text for text in (SPLIT_LIST[a:b] for a, b in split_sentences(SPLIT_LIST)))
    assert any(PARTIES in unit for unit in _units(SPLIT_LIST))


def test_a_list_the_piece_closed_or_a_between_that_is_no_list_joins_nothing():
    # closed: "ระหว่าง A และ B" ends its list; "ระหว่างกัน" (with each other) opens none
    closed = "ลงนามบันทึกความเข้าใจระหว่างกรมการค้าต่างประเทศ และสำนักงานส่งเสริมการค้า ในวันนี้"
    assert not continues_list(closed + " กระทรวงพาณิชย์ และกรมศุลกากร", 0, len(closed), len(closed) + 1,
                              len(closed) + 30)
    text = "ทั้งสองฝ่ายจะส่งเสริมการค้าการลงทุนระหว่างกัน สำนักงานส่งเสริมการค้า และกรมศุลกากรจะจัดงานร่วมกัน"
    cut = text.index(" สำนักงาน")
    assert not continues_list(text, 0, cut, cut + 1, len(text))


def test_a_clause_never_ends_inside_a_name():
    """thaigov dev tg037: the clause around "Bhakdi Bodin" stopped at "Government" (of Government House)."""
    text = ("March 30, 2022, at 1035hrs, at Bhakdi Bodin Building, Government House, Prime Minister "
            "Gen. Prayut Chan-o-cha attended the 5th BIMSTEC Summit")
    a = text.index("Bhakdi")
    s, e = clause(text, a, a + len("Bhakdi Bodin"), 60)
    assert "Bhakdi Bodin Building, Government House" in text[s:e]
    thai = "ณ ห้องประชุม 1 ชั้น 5 อาคารรัฐสภา วันนี้"
    assert clause(thai, 2, 12, 20) == (0, len("ณ ห้องประชุม 1 ชั้น 5"))   # no capitals: as before


def test_a_span_is_not_left_waiting_for_its_name():
    """iApp valid: the span "ตั้งอยู่ที่ถนนอู่ทอง อำเภอพระนครศรีอยุธยา จังหวัด" stopped before the
    province's name, "... ทอเลมีที่" before the number; a span that ends on a name is left as it is."""
    from search_api.answer_span import complete

    text = "วัดราชประดิษฐาน ตั้งอยู่ที่ถนนอู่ทอง อำเภอพระนครศรีอยุธยา จังหวัดพระนครศรีอยุธยา เป็นวัดที่สร้างขึ้น"
    a = text.index("ตั้งอยู่")
    cut = text.index("จังหวัด") + len("จังหวัด")
    assert text[a:complete(text, a, cut)].endswith("จังหวัดพระนครศรีอยุธยา")
    named = text.index(" เป็นวัด")
    assert complete(text, a, named) == named
    king = "โดยทรงอภิเษกสมรสกับพระเชษฐาของพระองค์ ทอเลมีที่ 4 ในปีเดียวกัน"
    end = king.index(" 4")
    assert king[:complete(king, 0, end)].endswith("ทอเลมีที่ 4")


def test_a_duration_is_marked_with_its_extension_and_a_when_and_where_with_its_venue():
    """thaigov dev tg021: "2 ปี" was marked without "และสามารถต่ออายุได้อีก 2 ปี"; tg058: the date of
    "when and where" without its day and "ณ ทำเนียบรัฐบาล"."""
    from search_api.span_companions import widen

    work = ("แรงงานต่างด้าวจะได้รับอนุญาตให้อยู่ในราชอาณาจักรและทำงานเป็นระยะเวลา 2 ปี และสามารถต่ออายุได้อีก 2 ปี "
            "รวมแล้วเป็นระยะเวลาทั้งสิ้น 4 ปี")
    a = work.index("ระยะเวลา 2")
    s, e = widen(work, a, a + len("ระยะเวลา 2 ปี"), "แรงงานต่างด้าวตาม MoU ทำงานในไทยได้นานเท่าไร", "duration")
    assert work[s:e] == "ระยะเวลา 2 ปี และสามารถต่ออายุได้อีก 2 ปี"
    mou = "The MoU shall remain in force for five years and shall be automatically extended for a further three years."
    a = mou.index("five")
    assert mou[slice(*widen(mou, a, a + len("five years"), "How long does it last?", "duration"))].endswith(
        "further three years")
    signing = "โดยจะมีพิธีลงนามร่างบันทึกความเข้าใจในวันพุธที่ 2 พฤศจิกายน 2565 ณ ทำเนียบรัฐบาล"
    a = signing.index("2 พ")
    b = a + len("2 พฤศจิกายน 2565")
    s, e = widen(signing, a, b, "When and where was the MOU to be signed?", "date")
    assert signing[s:e] == "วันพุธที่ 2 พฤศจิกายน 2565 ณ ทำเนียบรัฐบาล"
    s, e = widen(signing, a, b, "When was the MOU to be signed?", "date")   # no "where": no venue
    assert signing[s:e] == "วันพุธที่ 2 พฤศจิกายน 2565"


def test_a_definition_question_marks_the_whole_predicate():
    """iApp valid: "แก้วคืออะไร" marked "หมายถึง วัสดุแข็งที่มีรูปลักษณะอยู่ตัว" without "และเป็นเนื้อเดียว";
    "เบนจามิน จอห์น วิชอว์ คือใคร" must not stop at the nickname's "คือ เบน"."""
    from search_api.definitions import definition_span

    glass = "แก้ว หมายถึง วัสดุแข็งที่มีรูปลักษณะอยู่ตัว และเป็นเนื้อเดียว โดยปกติแล้วเกิดจากการเย็นตัวลงอย่างฉับพลัน"
    s, e = definition_span(glass, "แก้วคืออะไร")
    assert glass[s:e] == "หมายถึง วัสดุแข็งที่มีรูปลักษณะอยู่ตัว และเป็นเนื้อเดียว"
    actor = ("เบนจามิน จอห์น วิชอว์ (อังกฤษ: Benjamin John Whishaw) (เกิด 14 ตุลาคม ค.ศ.1980) "
             "หรือชื่อลำลองคือ เบน วิชอว์ (Ben Whishaw) เป็นนักแสดงชาวอังกฤษ")
    s, e = definition_span(actor, "เบนจามิน จอห์น วิชอว์ คือใคร ?")
    assert "นักแสดงชาวอังกฤษ" in actor[s:e] and "เบน วิชอว์" not in actor[s:e]
    band = "จามิโรไคว (อังกฤษ: Jamiroquai) เป็นวงจากอังกฤษ ที่ นำโดยนักร้องนำ เจย์ เคย์"
    s, e = definition_span(band, "What is Jamiroquai?")   # found by the English gloss
    assert band[s:e].startswith("เป็นวงจากอังกฤษ")
    assert definition_span(glass, "แก้วเกิดจากอะไร") is None   # not a definition question


def test_a_unit_that_restates_the_question_up_to_its_slot_runs_on_into_the_answer():
    from search_api.answer_choice import continued
    # iApp valid (the article on gallium): the unit ends where the question puts "อะไร"; its answer opens the next
    text = ("Ga เป็นธาตุเคมีที่มีเลขอะตอม 31 สัญลักษณ์ของธาตุคือ Ga จะพบธาตุ Ga ในธรรมชาติจำพวก แร่บอไซด์และสังกะสี "
            "แกลเลียมอยู่ในตารางธาตุหมู่ 3A เป็นโลหะที่ไม่ดี เป็นของแข็ง")
    cut = text.index(" แร่บอไซด์")
    spans = [(0, cut), (cut + 1, len(text))]
    question = "สัญลักษณ์ของธาตุคือ Ga จะพบธาตุ Ga ในธรรมชาติจำพวกอะไร"
    assert continued(text, spans, 0, question) == (0, len(text))
    assert continued(text, spans, 0, "แกลเลียมอยู่ในตารางธาตุหมู่ใด") is None     # the unit does not end where it asks
    assert continued(text, spans, 1, question) is None                          # no next unit
    assert continued(text.replace(" แร่บอไซด์", "\nแร่บอไซด์"), spans, 0, question) is None   # not past a line


def test_a_span_that_ends_its_unit_at_a_space_runs_on_into_the_next_word():
    from search_api.answer_choice import Choice, run_on
    # iApp valid (the article on SNK): the segmenter cut "เมืองโอซะกะ | ประเทศญี่ปุ่น" at the space between
    text = ("เอสเอ็นเค เป็นบริษัทผลิตเกมคอมพิวเตอร์ มีสำนักงานใหญ่อยู่ที่เมืองโอซะกะ "
            "ประเทศญี่ปุ่น โดยได้ผลิตเกมต่อสู้")
    cut = text.index(" ประเทศญี่ปุ่น")
    spans = [(0, cut), (cut + 1, len(text))]
    span = (text.index("เมืองโอซะกะ"), cut)
    choice = Choice(0, span, False, 1.0, 1.0, 0.5)
    ran = run_on(text, spans, 0, choice)
    assert text[ran.span[0]:ran.span[1]] == "เมืองโอซะกะ ประเทศญี่ปุ่น" and ran.unit == (0, ran.span[1])
    assert run_on(text, spans, 0, Choice(0, (0, cut - 5), False, 1.0, 1.0, 0.5)) is None   # the span stops inside
    assert run_on(text, spans, 0, Choice(0, spans[0], False, 1.0, 1.0, 0.5, True, "sentence")) is None   # a whole unit
    assert run_on(text.replace(" ประเทศ", "\nประเทศ"), spans, 0, choice) is None   # not past a line
    english = "The MoU was signed in Vientiane. Both sides agreed to meet again."
    end = english.index(" Both")
    assert run_on(english, [(0, end), (end + 1, len(english))], 0,
                  Choice(0, (22, end), False, 1.0, 1.0, 0.5)) is None   # a sentence's end is no cut at a space
