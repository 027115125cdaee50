using System.IO.Compression;

namespace Coding.Core.Privacy;

/// <summary>
/// The word lists behind <see cref="SafeHarborDeidentifier"/>. <see cref="Known"/> is the Philter-style whitelist: a
/// capitalised word outside it is taken for an identifier. It holds the lower-case words of Debian's wamerican and
/// wbritish (proper nouns left out, since those lists capitalise them) and every word of the ICD-10-CM titles, Index,
/// Table of Drugs, Neoplasm Table and External Cause Index (scripts/deid-vocabulary.sh rebuilds it), plus the
/// abbreviations, units and brand names below, which neither source carries.
/// </summary>
internal static class PhiVocabulary
{
    public static readonly HashSet<string> Known = Load("words.txt.gz", Extra);

    /// <summary>
    /// Proper nouns of the same English lists (names, surnames, places), less the ones added to <see cref="Known"/> on
    /// purpose (months, languages, states, brands): a capitalised word here is name-like even when also a common word.
    /// </summary>
    public static readonly HashSet<string> Proper = ProperNouns();

    private static HashSet<string> ProperNouns()
    {
        var set = Load("proper-nouns.txt.gz", "");
        set.ExceptWith(Extra.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Select(w => char.ToUpperInvariant(w[0]) + w[1..]));
        return set;
    }

    private static HashSet<string> Load(string resource, string extra)
    {
        var set = new HashSet<string>(StringComparer.Ordinal);
        using var stream = typeof(PhiVocabulary).Assembly.GetManifestResourceStream("Coding.Core.Privacy." + resource)
            ?? throw new InvalidOperationException($"the de-identifier's {resource} is not embedded in Coding.Core");
        using var reader = new StreamReader(new GZipStream(stream, CompressionMode.Decompress));
        for (var line = reader.ReadLine(); line is not null; line = reader.ReadLine())
            set.Add(line);
        foreach (var w in extra.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))
            set.Add(w.ToLowerInvariant());
        return set;
    }

    // Clinical abbreviations longer than four capitals, mixed-case lab names, and brand names of common drugs
    // (the Table of Drugs lists substances, rarely brands): all would otherwise read as unknown capitalised words.
    private const string Extra = """
        perrla perrl nkda nkma heent copd covid nstemi stemi esbl mrsa mssa vre ards bipap cpap nippv hfnc ecmo tavr tavi
        cabg pci ptca egd ercp mrcp colonoscopy tsh ft4 ft3 hba1c hgba1c a1c spo2 sao2 fio2 pao2 paco2 etco2 nacl kcl igg igm
        iga ige igd crcl egfr bnp ntprobnp troponin hscrp esr crp ldh ast alt alp ggt inr ptt aptt cbc bmp cmp ua ucx bcx
        ekg ecg echo tte tee cxr ct cta mri mra pet spect dexa us vq usg abg vbg lft lfts tft tfts phq gad audit cage mmse
        moca slums ciwa cows nihss gcs ecog kps asa nyha ccs timi heart grace wells perc curb crb psi sofa qsofa apache
        saps meld childpugh cha ds vasc hasbled chads hsv vzv cmv ebv hiv hcv hbv hpv rsv mdro cdiff gerd bph ckd esrd aki
        hfref hfpef hfmref afib aflutter svt vtach vfib pvc pac dvt pe osa ohs ipf ild cabg avr mvr lvef rvsp tapse pasp
        adls iadls prn qhs qid tid bid qd qod qam qpm npo nka wnl nad rrr ctab bs ntnd cva cvat rom dtr dtrs aox aaox
        sob doe pnd jvd hjr pmi lle rle lue rue ble bue cn ii iii iv vi vii viii ix xi xii
        tylenol advil motrin aleve lasix bumex coumadin eliquis xarelto pradaxa savaysa plavix brilinta effient lipitor
        crestor zocor pravachol norvasc lopressor toprol coreg zestril prinivil cozaar diovan benicar hyzaar microzide
        aldactone glucophage januvia janumet jardiance farxiga invokana ozempic trulicity victoza mounjaro wegovy lantus
        levemir tresiba humalog novolog basaglar toujeo synthroid levoxyl tapazole fosamax boniva prolia reclast forteo
        protonix nexium prilosec pepcid zantac carafate reglan zofran phenergan compazine colace senokot miralax dulcolax
        imodium lomotil flagyl cipro levaquin bactrim keflex augmentin zithromax doxy vancocin zosyn rocephin cefepime
        unasyn diflucan valtrex tamiflu paxlovid lexapro celexa zoloft prozac paxil wellbutrin effexor cymbalta pristiq
        remeron trazodone desyrel seroquel zyprexa risperdal abilify haldol geodon latuda lithobid depakote lamictal
        keppra dilantin tegretol trileptal topamax neurontin lyrica xanax ativan klonopin valium ambien restoril norco
        vicodin percocet oxycontin dilaudid ultram suboxone narcan flexeril robaxin zanaflex baclofen sinemet aricept
        namenda exelon requip mirapex flomax proscar avodart detrol ditropan myrbetriq vesicare cialis viagra premarin
        provera estrace ortho yaz depo nexplanon mirena singulair advair symbicort breo trelegy spiriva incruse anoro
        proair ventolin xopenex albuterol duoneb pulmicort flovent qvar dulera nucala dupixent xolair humira enbrel
        remicade stelara cosentyx otezla plaquenil arava imuran cellcept prograf rapamune medrol deltasone solumedrol
        decadron kenalog epogen procrit aranesp neupogen neulasta lovenox heparin arixtra entresto digoxin lanoxin
        cordarone pacerone multaq tikosyn betapace cardizem calan isordil imdur nitrostat ranexa zetia repatha praluent
        tricor lopid niaspan vascepa lovaza allopurinol zyloprim uloric colcrys mitigare keytruda opdivo herceptin avastin
        tamoxifen arimidex femara aromasin lupron zytiga xtandi gleevec revlimid velcade darzalex imbruvica rituxan
        vitamin epipen benadryl zyrtec claritin allegra flonase nasonex sudafed mucinex robitussin tessalon
        mg mcg kg ml dl mmol meq iu mmhg bpm rr hr bp wt ht bmi
        january february march april may june july august september october november december monday tuesday
        wednesday thursday friday saturday sunday english spanish french german italian chinese japanese korean
        vietnamese russian arabic hindi portuguese polish american african hispanic latino latina latinx caucasian asian
        european indian filipino haitian creole somali mandarin cantonese tagalog christian catholic jewish muslim
        protestant buddhist hindu jehovah god bible medicare medicaid tricare alabama alaska arizona arkansas california
        colorado connecticut delaware florida georgia hawaii idaho illinois indiana iowa kansas kentucky louisiana maine
        maryland massachusetts michigan minnesota mississippi missouri montana nebraska nevada hampshire jersey mexico
        york carolina dakota ohio oklahoma oregon pennsylvania rhode island tennessee texas utah vermont virginia
        washington wisconsin wyoming puerto rico us usa
        hgb hct plt wbc rbc mcv mch mchc rdw bun tbili dbili alk phos trig lytes abx dx tx rx hx sx fx px bx cx sz pna
        braden morse karnofsky apgar glasgow gleason breslow mallampati ranson wells caprini padua charlson framingham
        epworth tinetti folstein beck hamilton edinburgh bristol richmond ottawa killip nyha timi centor alvarado rockall
        blatchford bosniak lugano binet rai durie salmon clark bethesda hoehn yahr rankin barthel katz lawton norton waterlow
        berg romberg babinski tinel phalen lachman mcmurray spurling finkelstein hawkins neer kernig brudzinski murphy
        mcburney rovsing psoas obturator homans trendelenburg valsalva heimlich seldinger foley swan ganz chvostek trousseau
        medtronic biotronik abbott dexcom omnipod tandem libre azure boston scientific jude stryker zimmer
        toyota camry corolla rav honda civic accord ford focus fusion chevrolet chevy silverado malibu nissan altima
        sentra hyundai elantra sonata kia jeep dodge subaru outback forester tesla buick lexus mazda volkswagen ef
        heplisav mircera shingrix prevnar fluzone gardasil comirnaty spikevax arexvy abrysvo
        lic cdl dob dod doa dos mrn fin csn har mbi npi dea vin
        tue tues thu thur thurs weds peds ob gyn obgyn gyn onc heme neuro ortho uro ent gi pulm derm rheum psych
        gy cgy mgy cl cr crs ki ig hz khz mhz ghz ul dl nl pl pg ng fl fr kpa mosm meq iu uiu
        gabapentin sertraline melatonin losartan riluzole lamotrigine valacyclovir tolterodine sulfa sulfonamide
        concerta kabiven intralipid lucentis eylea lokelma rivotril travatan tobrex tobradex simponi surgicel marlex
        monospot micromedex fibroscan masimo pentax straumann mallinckrodt ledermix vicryl prolene monocryl ethilon
        dermabond steri tegaderm xeroform aquacel duoderm mepilex kerlix coban ace kling telfa bair hugger
        ziehl neelsen nielsen holter mohs snellen schirmer roux rinne weber lasegue rorschach obwegeser retzius cajal
        waldenstrom waldenström mcconkey tuohy penrose jackson pratt blake hemovac pleurevac kocher pfannenstiel
        hartmann whipple nissen billroth mcmurray hasson veress seldinger bovie ligasure harmonic jp picc
        pugh lisfranc zubrod fontaine browder cockcroft gault friedewald maddrey schatzker gartland gustilo lauge neer
        kussmaul chvostek nikolsky kayser fleischer heberden bouchard janeway courvoisier zenker schatzki zollinger
        ellison pfannenstiel hickman epley hallpike quervain dupuytren bankart lachman apley kellgren outerbridge
        fazekas cormack lehane durie bosniak breslow nottingham elixhauser ranson alvarado blatchford rockall
        lansky karnofsky folstein epworth caprini khorana hendrich tinetti norton waterlow glasgow
        wernicke korsakoff guillain barre barré sjogren sjögren hirschsprung wilms meniere ménière paget kawasaki
        takotsubo cheyne trousseau mcburney kernig brudzinski tinel phalen spurling mcmurray romberg babinski
        virchow meckel whipple nissen billroth
        afebrile diaphoretic extubated intubated anamnesis necropsy auscultation apgars arthrocentesis unconjugated
        afghanistan albania algeria argentina armenia australia austria bangladesh belgium bolivia bosnia brazil
        bulgaria cambodia cameroon canada chile china colombia congo croatia cuba czech denmark dominican ecuador
        egypt salvador eritrea estonia ethiopia finland france germany ghana greece guatemala guinea haiti honduras
        hungary iceland india indonesia iran iraq ireland israel italy jamaica japan kazakhstan kenya korea kosovo
        laos latvia lebanon liberia libya lithuania macedonia malaysia mali mexico moldova mongolia morocco myanmar
        nepal netherlands nicaragua niger nigeria norway pakistan panama paraguay peru philippines poland portugal
        romania russia rwanda senegal serbia sierra leone singapore slovakia somalia spain sudan sweden switzerland
        syria taiwan tanzania thailand tunisia turkey uganda ukraine uruguay uzbekistan venezuela vietnam yemen
        zambia zimbabwe africa europe asia america americas caribbean england scotland wales britain uk
        moroccan mexican guatemalan salvadoran honduran nicaraguan cuban dominican puerto rican colombian venezuelan
        peruvian ecuadorian brazilian argentinian argentine chilean bolivian canadian irish scottish welsh british
        ukrainian polish romanian bulgarian serbian croatian bosnian albanian greek turkish syrian iraqi iranian
        afghan pakistani bangladeshi nepali burmese thai cambodian laotian malaysian indonesian nigerian ghanaian
        ethiopian eritrean kenyan somali sudanese egyptian congolese liberian jamaican israeli lebanese
        """;
}
